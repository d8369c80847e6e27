// title: All reports of one meeting
// title@ar: كل تقارير لقاء واحد
// description: Every article that reports the meeting, first report first, with the sentences that say so.
// description@ar: كل مقالة تروي اللقاء، أول تقرير أولا، مع الجمل التي تذكره.
// param meeting: entity Meeting = meeting:fe21a5d4d5bf44cb  -- the meeting
// param@ar meeting: اللقاء
// returns: table
MATCH (m:Meeting {id: $meeting})-[r:REPORTED_IN]->(a:Article)
RETURN a.published AS published, a.source AS source, a.title AS title, a.url AS url, r.sentences AS sentences,
       a.id AS article
ORDER BY published, article
