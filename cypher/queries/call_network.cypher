// title: Phone-call network
// title@ar: شبكة الاتصالات الهاتفية
// description: Who called whom in a date range: the phone calls and their parties.
// description@ar: من اتصل بمن في فترة محددة: الاتصالات الهاتفية وأطرافها.
// param from: date = 2018-01-01  -- first day
// param@ar from: أول يوم
// param to: date = 2018-06-30  -- last day
// param@ar to: آخر يوم
// param limit: integer = 300  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: graph
MATCH (party)-[r:PARTICIPATED_IN]->(m:Meeting {type: 'call'})
WHERE m.date >= $from AND m.date <= $to
RETURN party, r, m
ORDER BY m.date
LIMIT $limit
