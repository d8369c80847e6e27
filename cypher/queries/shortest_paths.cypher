// title: Shortest paths between two people
// title@ar: أقصر المسارات بين شخصين
// description: All shortest chains of meetings linking two people (person, meeting, person, …), up to a length.
// description@ar: كل أقصر سلاسل اللقاءات التي تصل بين شخصين (شخص، لقاء، شخص، …)، حتى طول محدد.
// param from_person: entity Person = person:recep-tayyip-erdogan  -- one person
// param@ar from_person: الشخص الأول
// param to_person: entity Person = person:xi-jinping  -- the other person
// param@ar to_person: الشخص الآخر
// param max_length: integer = 6  -- relationships along the path, at most 10
// param@ar max_length: عدد العلاقات على المسار، 10 على الأكثر
// param limit: integer = 25  -- at most this many paths
// param@ar limit: أقصى عدد من المسارات
// returns: graph
MATCH (a:Person {id: $from_person}), (b:Person {id: $to_person})
MATCH path = allShortestPaths((a)-[:PARTICIPATED_IN*..10]-(b))
WHERE length(path) <= $max_length
RETURN path, length(path) AS length
LIMIT $limit
