// title: People who met both X and Y
// description: People who took part in meetings with each of the two chosen people.
// param x: entity Person = person:vladimir-putin
// param y: entity Person = person:recep-tayyip-erdogan
// param limit: integer = 100
// returns: graph
MATCH (a:Person {id: $x})-[r1:PARTICIPATED_IN]->(m1:Meeting)<-[r2:PARTICIPATED_IN]-(p:Person)
MATCH (p)-[r3:PARTICIPATED_IN]->(m2:Meeting)<-[r4:PARTICIPATED_IN]-(b:Person {id: $y})
WHERE p <> a AND p <> b
RETURN a, r1, m1, r2, p, r3, m2, r4, b
LIMIT $limit
