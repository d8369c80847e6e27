// title: Find a person, country, organisation or place
// description: Full-text search of names, aliases and transliterations (Arabic or Latin), best match first.
// param name: string = بوتين  -- a name in any spelling
// param limit: integer = 20
// returns: table
CALL db.index.fulltext.queryNodes('entity_names', $name) YIELD node, score
RETURN node.name AS name, node.name_en AS name_en, labels(node)[0] AS kind, node.id AS id, round(score, 2) AS score
ORDER BY score DESC
LIMIT $limit
