// title: Everyone a person met
// title@ar: كل من التقاهم شخص
// description: People and states who took part in meetings with the chosen person, by meeting type and date.
// description@ar: الأشخاص والدول الذين شاركوا في لقاءات مع الشخص المختار، حسب نوع اللقاء وتاريخه.
// param person: entity Person = person:vladimir-putin  -- whose meetings
// param@ar person: لقاءات من
// param type: choice any|call|meeting|visit|talks|summit|conference = any  -- kind of meeting
// param@ar type: نوع اللقاء
// param from: date = 2018-01-01  -- first day
// param@ar from: أول يوم
// param to: date = 2018-12-31  -- last day
// param@ar to: آخر يوم
// param limit: integer = 100  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: graph
MATCH (p:Person {id: $person})-[mine:PARTICIPATED_IN]->(m:Meeting)<-[theirs:PARTICIPATED_IN]-(other)
WHERE ($type = 'any' OR m.type = $type) AND m.date >= $from AND m.date <= $to
RETURN p, mine, m, theirs, other
ORDER BY m.date, other.id
LIMIT $limit
