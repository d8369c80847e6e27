// title: Meetings concerning a country
// description: Meetings whose subject is the chosen country (e.g. Syria), with their parties, oldest first.
// param country: entity Country = country:SY  -- the country talked about
// param limit: integer = 100
// returns: graph
MATCH (m:Meeting)-[about:CONCERNS]->(c:Country {id: $country})
OPTIONAL MATCH (party)-[p:PARTICIPATED_IN]->(m)
RETURN m, about, c, collect(party) AS parties, collect(p) AS participations
ORDER BY m.date
LIMIT $limit
