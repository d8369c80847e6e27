// title: Where meetings were held
// description: The places and institutions that hosted meetings in the period, busiest first.
// param from: date = 2018-01-01
// param to: date = 2018-12-31
// param limit: integer = 30
// returns: graph
MATCH (m:Meeting)-[h:HELD_IN]->(venue)
WHERE m.date >= $from AND m.date <= $to
OPTIONAL MATCH (venue)-[l:LOCATED_IN]->(c:Country)
RETURN venue, l, c, count(m) AS meetings
ORDER BY meetings DESC
LIMIT $limit
