// title: Shortest paths between two people
// description: All shortest chains of meetings linking two people (person, meeting, person, …), up to a length.
// param from_person: entity Person = person:recep-tayyip-erdogan
// param to_person: entity Person = person:xi-jinping
// param max_length: integer = 6  -- relationships along the path, at most 10
// param limit: integer = 25
// returns: graph
MATCH (a:Person {id: $from_person}), (b:Person {id: $to_person})
MATCH path = allShortestPaths((a)-[:PARTICIPATED_IN*..10]-(b))
WHERE length(path) <= $max_length
RETURN path, length(path) AS length
LIMIT $limit
