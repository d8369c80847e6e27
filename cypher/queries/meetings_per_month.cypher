// title: Meetings per type per month
// description: How many meetings of each type took place in each month of the period.
// param from: date = 2018-01-01
// param to: date = 2018-12-31
// returns: table
MATCH (m:Meeting)
WHERE m.date >= $from AND m.date <= $to
RETURN substring(toString(m.date), 0, 7) AS month, m.type AS type, count(*) AS meetings
ORDER BY month, type
