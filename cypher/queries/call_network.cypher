// title: Phone-call network
// description: Who called whom in a date range: the phone calls and their parties.
// param from: date = 2018-01-01
// param to: date = 2018-06-30
// param limit: integer = 300
// returns: graph
MATCH (party)-[r:PARTICIPATED_IN]->(m:Meeting {type: 'call'})
WHERE m.date >= $from AND m.date <= $to
RETURN party, r, m
ORDER BY m.date
LIMIT $limit
