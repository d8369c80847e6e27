// title: A country's interlocutors, ranked
// title@ar: محاورو دولة، مرتبين
// description: The states whose people met the chosen state's people (or the state itself), by number of meetings in the period.
// description@ar: الدول التي التقى أشخاصها أشخاصَ الدولة المختارة (أو الدولة نفسها)، حسب عدد اللقاءات في الفترة.
// param country: entity Country = country:RU  -- the state
// param@ar country: الدولة
// param from: date = 2018-01-01  -- first day
// param@ar from: أول يوم
// param to: date = 2018-12-31  -- last day
// param@ar to: آخر يوم
// param limit: integer = 25  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: table
MATCH (c:Country {id: $country})
MATCH (x)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(y)
WHERE coalesce(x.iso2, x.country) = c.iso2 AND coalesce(y.iso2, y.country) <> c.iso2
  AND m.date >= $from AND m.date <= $to
WITH coalesce(y.iso2, y.country) AS iso2, count(DISTINCT m) AS meetings, collect(DISTINCT m.type) AS types,
     max(m.date) AS latest
MATCH (other:Country {iso2: iso2})
RETURN other.name AS country, other.name_en AS country_en, meetings, types, latest
ORDER BY meetings DESC, country_en
LIMIT $limit
