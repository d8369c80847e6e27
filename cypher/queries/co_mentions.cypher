// title: Articles mentioning X and Y together
// title@ar: مقالات تذكر س وص معًا
// description: Articles that name both entities, newest first, with how often each is named.
// description@ar: المقالات التي تسمّي الكيانين كليهما، الأحدث أولا، مع عدد مرات ذكر كل منهما.
// param x: entity = person:vladimir-putin  -- a person, country, organisation or place
// param@ar x: شخص أو دولة أو منظمة أو مكان
// param y: entity = person:recep-tayyip-erdogan  -- another person, country, organisation or place
// param@ar y: شخص أو دولة أو منظمة أو مكان آخر
// param limit: integer = 100  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: table
MATCH (a)-[mx:MENTIONED_IN]->(article:Article)<-[my:MENTIONED_IN]-(b)
WHERE a.id = $x AND b.id = $y
RETURN article.published AS published, article.source AS source, article.title AS title,
       mx.count AS x_mentions, my.count AS y_mentions, article.url AS url, article.id AS id
ORDER BY published DESC, id
LIMIT $limit
