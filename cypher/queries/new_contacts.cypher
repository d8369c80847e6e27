// title: New contacts in a period
// title@ar: نظراء جدد في فترة
// description: Counterparts the person met in the period and never before it.
// description@ar: النظراء الذين التقاهم الشخص في الفترة ولم يلتقهم قبلها قط.
// param person: entity Person = person:vladimir-putin  -- whose contacts
// param@ar person: نظراء من
// param from: date = 2018-04-01  -- the period starts
// param@ar from: بداية الفترة
// param to: date = 2018-12-31  -- the period ends
// param@ar to: نهاية الفترة
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
