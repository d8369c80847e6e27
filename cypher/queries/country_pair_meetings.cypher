// title: Meetings between two countries over time
// description: Every meeting with a party from each of the two states (the state itself or someone who represents it), oldest first.
// param country_a: entity Country = country:RU  -- one state
// param country_b: entity Country = country:TR  -- the other state
// param limit: integer = 200
// returns: table
MATCH (a:Country {id: $country_a}), (b:Country {id: $country_b})
MATCH (x)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(y)
WHERE coalesce(x.iso2, x.country) = a.iso2 AND coalesce(y.iso2, y.country) = b.iso2
RETURN m.date AS date, m.type AS type, coalesce(m.title, m.name) AS meeting,
       collect(DISTINCT x.name) AS side_a, collect(DISTINCT y.name) AS side_b,
       m.article_count AS articles, m.id AS id
ORDER BY date, id
LIMIT $limit
