// title: Most connected leaders
// description: People with the most distinct counterparts in meetings during the period.
// param from: date = 2018-01-01
// param to: date = 2018-12-31
// param limit: integer = 20
// returns: table
MATCH (p:Person)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(other)
WHERE m.date >= $from AND m.date <= $to
RETURN p.name AS person, p.name_en AS person_en, p.country AS country,
       count(DISTINCT other) AS counterparts, count(DISTINCT m) AS meetings, p.id AS id
ORDER BY counterparts DESC, meetings DESC, person_en
LIMIT $limit
