// title: Meetings between two countries over time
// title@ar: اللقاءات بين دولتين عبر الزمن
// description: Every meeting with a party from each of the two states (the state itself or someone who represents it), oldest first.
// description@ar: كل لقاء فيه طرف من كل واحدة من الدولتين (الدولة نفسها أو من يمثلها)، الأقدم أولا.
// param country_a: entity Country = country:RU  -- one state
// param@ar country_a: الدولة الأولى
// param country_b: entity Country = country:TR  -- the other state
// param@ar country_b: الدولة الأخرى
// param limit: integer = 200  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: table
MATCH (a:Country {id: $country_a}), (b:Country {id: $country_b})
MATCH (x)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(y)
WHERE coalesce(x.iso2, x.country) = a.iso2 AND coalesce(y.iso2, y.country) = b.iso2
RETURN m.date AS date, m.type AS type, coalesce(m.title, m.name) AS meeting,
       collect(DISTINCT x.name) AS side_a, collect(DISTINCT y.name) AS side_b,
       m.article_count AS articles, m.id AS id
ORDER BY date, id
LIMIT $limit
