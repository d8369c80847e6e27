// The knowledge graph's schema. Applied by `newsgraph load` (and `newsgraph schema`) before writing.
// Every node key is unique; statements are idempotent (IF NOT EXISTS).

CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_iso2 IF NOT EXISTS FOR (n:Country) REQUIRE n.iso2 IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;
// Analysts' corrections (loader/corrections.py): one node each, found by id for undo.
CREATE CONSTRAINT correction_id IF NOT EXISTS FOR (n:Correction) REQUIRE n.id IS UNIQUE;
// Analysts' notes on a node (newsgraph/notes.py) and saved investigations (newsgraph/investigations.py), found by
// id to delete or open by their short URL.
CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT investigation_id IF NOT EXISTS FOR (n:Investigation) REQUIRE n.id IS UNIQUE;

CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date);
CREATE INDEX meeting_type IF NOT EXISTS FOR (n:Meeting) ON (n.type);
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);
// Cross-article resolution looks meetings up by kind and parties, then compares dates.
CREATE INDEX meeting_resolution IF NOT EXISTS FOR (n:Meeting) ON (n.kind_class, n.parties_key);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
// Cross-article person resolution finds a name's other forms by two look-up keys.
CREATE INDEX person_rkey1 IF NOT EXISTS FOR (n:Person) ON (n.rkey1);
CREATE INDEX person_rkey2 IF NOT EXISTS FOR (n:Person) ON (n.rkey2);

// Arabic analyzer: folds hamza/alef forms and diacritics, so «اردوغان» finds «أردوغان».
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Person|Country|Organization|Place) ON EACH [n.name, n.aliases, n.name_en, n.translit]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}};

// Notes are searched like names, with the same analyzer, so a word of a note finds the node it is about.
CREATE FULLTEXT INDEX note_texts IF NOT EXISTS
FOR (n:Note) ON EACH [n.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}};
