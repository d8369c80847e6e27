// title: Articles mentioning X and Y together
// description: Articles that name both entities, newest first, with how often each is named.
// param x: entity = person:vladimir-putin  -- a person, country, organisation or place
// param y: entity = person:recep-tayyip-erdogan
// param limit: integer = 100
// returns: table
MATCH (a)-[mx:MENTIONED_IN]->(article:Article)<-[my:MENTIONED_IN]-(b)
WHERE a.id = $x AND b.id = $y
RETURN article.published AS published, article.source AS source, article.title AS title,
       mx.count AS x_mentions, my.count AS y_mentions, article.url AS url, article.id AS id
ORDER BY published DESC, id
LIMIT $limit
