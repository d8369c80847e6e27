// title: Where meetings were held
// title@ar: أين عُقدت اللقاءات
// description: The places and institutions that hosted meetings in the period, busiest first.
// description@ar: الأماكن والمؤسسات التي استضافت لقاءات في الفترة، الأكثر استضافة أولا.
// param from: date = 2018-01-01  -- first day
// param@ar from: أول يوم
// param to: date = 2018-12-31  -- last day
// param@ar to: آخر يوم
// param limit: integer = 30  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: graph
MATCH (m:Meeting)-[h:HELD_IN]->(venue)
WHERE m.date >= $from AND m.date <= $to
OPTIONAL MATCH (venue)-[l:LOCATED_IN]->(c:Country)
RETURN venue, l, c, count(m) AS meetings
ORDER BY meetings DESC
LIMIT $limit
