// title: All reports of one meeting
// description: Every article that reports the meeting, first report first, with the sentences that say so.
// param meeting: entity Meeting = meeting:fe21a5d4d5bf44cb
// returns: table
MATCH (m:Meeting {id: $meeting})-[r:REPORTED_IN]->(a:Article)
RETURN a.published AS published, a.source AS source, a.title AS title, a.url AS url, r.sentences AS sentences,
       a.id AS article
ORDER BY published, article
