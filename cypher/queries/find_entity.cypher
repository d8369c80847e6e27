// title: Find a person, country, organisation or place
// title@ar: ابحث عن شخص أو دولة أو منظمة أو مكان
// description: Full-text search of names, aliases and transliterations (Arabic or Latin), best match first.
// description@ar: بحث نصي كامل في الأسماء وصيغها البديلة ونقحرتها، بالعربية أو بالحروف اللاتينية، الأقرب أولا.
// param name: string = بوتين  -- a name in any spelling
// param@ar name: اسم بأي تهجئة
// param limit: integer = 20  -- at most this many results
// param@ar limit: أقصى عدد من النتائج
// returns: table
CALL db.index.fulltext.queryNodes('entity_names', $name) YIELD node, score
RETURN node.name AS name, node.name_en AS name_en, labels(node)[0] AS kind, node.id AS id, round(score, 2) AS score
ORDER BY score DESC
LIMIT $limit
