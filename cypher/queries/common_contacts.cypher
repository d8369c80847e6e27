// title: People who met both X and Y
// title@ar: من التقى س وص كليهما
// description: People who took part in meetings with each of the two chosen people.
// description@ar: الأشخاص الذين شاركوا في لقاءات مع كل واحد من الشخصين المختارين.
// param x: entity Person = person:vladimir-putin  -- one person
// param@ar x: الشخص الأول
// param y: entity Person = person:recep-tayyip-erdogan  -- the other person
// param@ar y: الشخص الآخر
// param limit: integer = 100  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: graph
MATCH (a:Person {id: $x})-[r1:PARTICIPATED_IN]->(m1:Meeting)<-[r2:PARTICIPATED_IN]-(p:Person)
MATCH (p)-[r3:PARTICIPATED_IN]->(m2:Meeting)<-[r4:PARTICIPATED_IN]-(b:Person {id: $y})
WHERE p <> a AND p <> b
RETURN a, r1, m1, r2, p, r3, m2, r4, b
LIMIT $limit
