// title: Meetings concerning a country
// title@ar: اللقاءات بشأن دولة
// description: Meetings whose subject is the chosen country (e.g. Syria), with their parties, oldest first.
// description@ar: اللقاءات التي موضوعها الدولة المختارة (سوريا مثلا)، مع أطرافها، الأقدم أولا.
// param country: entity Country = country:SY  -- the country talked about
// param@ar country: الدولة موضوع الحديث
// param limit: integer = 100  -- at most this many rows
// param@ar limit: أقصى عدد من الصفوف
// returns: graph
MATCH (m:Meeting)-[about:CONCERNS]->(c:Country {id: $country})
OPTIONAL MATCH (party)-[p:PARTICIPATED_IN]->(m)
RETURN m, about, c, collect(party) AS parties, collect(p) AS participations
ORDER BY m.date
LIMIT $limit
