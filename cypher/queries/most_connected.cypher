// title: Most connected leaders
// title@ar: القادة الأكثر تواصلا
// description: People with the most distinct counterparts in meetings during the period.
// description@ar: الأشخاص الذين التقوا أكبر عدد من النظراء المختلفين خلال الفترة.
// param from: date = 2018-01-01  -- first day
// param@ar from: أول يوم
// param to: date = 2018-12-31  -- last day
// param@ar to: آخر يوم
// param limit: integer = 20  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: table
MATCH (p:Person)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(other)
WHERE m.date >= $from AND m.date <= $to
RETURN p.name AS person, p.name_en AS person_en, p.country AS country,
       count(DISTINCT other) AS counterparts, count(DISTINCT m) AS meetings, p.id AS id
ORDER BY counterparts DESC, meetings DESC, person_en
LIMIT $limit
