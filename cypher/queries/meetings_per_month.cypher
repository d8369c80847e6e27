// title: Meetings per type per month
// title@ar: اللقاءات حسب النوع والشهر
// description: How many meetings of each type took place in each month of the period.
// description@ar: عدد اللقاءات من كل نوع في كل شهر من الفترة.
// param from: date = 2018-01-01  -- first day
// param@ar from: أول يوم
// param to: date = 2018-12-31  -- last day
// param@ar to: آخر يوم
// returns: table
MATCH (m:Meeting)
WHERE m.date >= $from AND m.date <= $to
RETURN substring(toString(m.date), 0, 7) AS month, m.type AS type, count(*) AS meetings
ORDER BY month, type
