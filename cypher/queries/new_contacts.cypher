// title: New contacts in a period
// description: Counterparts the person met in the period and never before it.
// param person: entity Person = person:vladimir-putin
// param from: date = 2018-04-01  -- the period starts
// param to: date = 2018-12-31  -- the period ends
// returns: table
MATCH (p:Person {id: $person})-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(other)
WHERE m.date >= $from AND m.date <= $to
WITH p, other, min(m.date) AS first_met, count(DISTINCT m) AS meetings
WHERE NOT EXISTS {
  MATCH (p)-[:PARTICIPATED_IN]->(before:Meeting)<-[:PARTICIPATED_IN]-(other)
  WHERE before.date < $from
}
RETURN other.name AS contact, other.name_en AS contact_en, labels(other)[0] AS kind, first_met, meetings,
       other.id AS id
ORDER BY first_met, contact_en
