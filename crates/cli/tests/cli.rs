//! Runs the real `newsdex` binary over the bundled corpus and temp folders.

mod common;

use common::{corpus, newsdex, run};

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// An index of the bundled corpus, built once per test.
fn corpus_index() -> tempfile::TempDir {
    let index = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(newsdex(index.path()).arg("index").arg(corpus()));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("122 added"), "summary line: {stderr}");
    // The corpus's list of its files is named, and is not a failure.
    assert!(
        stderr.contains("0 failed, 1 not news"),
        "summary line: {stderr}"
    );
    assert!(
        stderr.contains("SOURCES.tsv: skipped, not news: a table that describes other files"),
        "{stderr}"
    );
    index
}

#[test]
fn ambassador_ranks_the_herzog_visit_first_with_the_term_highlighted() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args(["search", "ambassador"]));
    assert_eq!(code, 0);
    let first_hit: Vec<&str> = stdout.lines().take(3).collect();
    assert!(
        first_hit[0].contains("Israel, Turkey Vow to Mend Broken Ties"),
        "{stdout}"
    );
    assert!(
        first_hit[1].contains("000_3894bdc2c283492e.txt"),
        "{stdout}"
    );
    assert!(first_hit[2].contains("**ambassadors**"), "{stdout}");
}

#[test]
fn hamas_ranks_the_herzog_visit_first_in_json() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args(["search", "Hamas", "--json"]));
    assert_eq!(code, 0);
    let lines = json_lines(&stdout);
    let hits: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "hit").collect();
    assert_eq!(hits.len(), 2, "both seeds mention Hamas: {stdout}");
    assert!(
        hits[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("000_3894bdc2c283492e.txt")
    );
    let snippet = hits[0]["snippet"]["text"].as_str().unwrap();
    let [start, end] =
        [0, 1].map(|i| hits[0]["snippet"]["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&snippet[start..end], "Hamas");
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["total"], 2);
}

#[test]
fn search_can_be_limited_to_a_section() {
    let index = corpus_index();
    let (code, stdout, _) =
        run(newsdex(index.path()).args(["search", "Hamas", "--section", "Narrative A", "--json"]));
    assert_eq!(code, 0, "{stdout}");
    let lines = json_lines(&stdout);
    assert_eq!(lines[0]["section"], "Narrative A");
    assert!(
        lines[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("003_76b365919c3e08c6.txt")
    );
    let (code, _, _) =
        run(newsdex(index.path()).args(["search", "Hamas", "--section", "The Facts"]));
    assert_eq!(code, 1, "Hamas is not in The Facts");
}

#[test]
fn show_gives_the_article_back_whole() {
    let index = corpus_index();
    let (_, stdout, _) = run(newsdex(index.path()).args(["search", "flotilla", "--json"]));
    let id = json_lines(&stdout)[0]["id"].as_str().unwrap().to_owned();
    let (code, stdout, _) = run(newsdex(index.path()).args(["show", &id, "--json"]));
    assert_eq!(code, 0);
    let article = &json_lines(&stdout)[0];
    assert_eq!(article["type"], "article");
    assert_eq!(article["id"], id.as_str());
    assert_eq!(article["authors"][0], "Emily Jones");
    assert!(
        article["text"]
            .as_str()
            .unwrap()
            .contains("Gaza-bound flotilla")
    );
    let (code, _, stderr) = run(newsdex(index.path()).args(["show", "0000000000000000"]));
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("newsdex: no article with id"),
        "{stderr}"
    );
}

#[test]
fn exit_codes_and_one_line_errors() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args(["search", "zzyzxnotaword"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("0 of 0 matching articles"));

    let (code, _, stderr) = run(newsdex(index.path()).args(["search", "title:(unclosed"]));
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("newsdex: invalid query"), "{stderr}");

    let missing = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(newsdex(&missing.path().join("none")).args(["search", "x"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("no index at"), "{stderr}");
    assert!(stderr.contains("newsdex index PATH"), "{stderr}");

    let (code, _, stderr) = run(newsdex(index.path()).args(["index", "/no/such/folder"]));
    assert_eq!(code, 3, "a path that cannot be read is a partial failure");
    assert!(stderr.contains("/no/such/folder"), "{stderr}");
}

#[test]
fn index_reports_added_updated_removed_and_failed() {
    let folder = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("a.txt"),
        "Talks\n\nLeaders met for talks.\n",
    )
    .unwrap();
    std::fs::write(folder.path().join("empty.txt"), "").unwrap();
    let (code, stdout, stderr) = run(newsdex(index.path())
        .args(["index", "--json"])
        .arg(folder.path()));
    assert_eq!(code, 3, "{stderr}");
    let summary = &json_lines(&stdout)[0];
    assert_eq!(summary["added"], 1);
    assert_eq!(summary["failed"][0]["reason"], "empty file");
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");

    std::fs::remove_file(folder.path().join("empty.txt")).unwrap();
    std::fs::remove_file(folder.path().join("a.txt")).unwrap();
    let (code, _, stderr) = run(newsdex(index.path()).arg("index").arg(folder.path()));
    assert_eq!(code, 0);
    assert!(stderr.contains("0 added, 0 updated, 1 removed"), "{stderr}");
}

#[test]
fn search_in_indexes_on_first_use() {
    let index = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(newsdex(&index.path().join("fresh"))
        .args(["search", "ambassador", "--in"])
        .arg(corpus()));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("122 added"), "{stderr}");
    assert!(
        stdout.contains("Israel, Turkey Vow to Mend Broken Ties"),
        "{stdout}"
    );
}

#[test]
fn extract_json_follows_the_contract() {
    let seed = corpus().join("seeds/000_3894bdc2c283492e.txt");
    let scratch = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(newsdex(scratch.path())
        .args(["extract", "--json"])
        .arg(&seed));
    assert_eq!(code, 0);
    let articles = json_lines(&stdout);
    assert_eq!(articles.len(), 1);
    let article = &articles[0];
    for field in [
        "type",
        "id",
        "path",
        "format",
        "encoding",
        "title",
        "authors",
        "outlet",
        "dateline",
        "published",
        "sections",
        "text",
        "entities",
        "dates",
        "quotes",
        "warnings",
    ] {
        assert!(article.get(field).is_some(), "missing {field}: {article}");
    }
    assert_eq!(article["type"], "article");
    assert_eq!(article["format"], "text");
    assert_eq!(article["encoding"], "UTF-8");
    assert_eq!(
        article["title"],
        "Israel, Turkey Vow to Mend Broken Ties in Historic Visit"
    );
    assert_eq!(article["outlet"], "CBN News");
    assert_eq!(article["dateline"], "JERUSALEM, Israel");
    let text = article["text"].as_str().unwrap();
    assert!(!text.contains("Share This article"));
    assert!(
        !text.starts_with("Israel, Turkey Vow"),
        "the title is not part of the text"
    );

    let (_, stdout, _) = run(newsdex(scratch.path())
        .args(["extract", "--json", "--published", "2022-03-10"])
        .arg(&seed));
    assert_eq!(json_lines(&stdout)[0]["published"], "2022-03-10");
    let (code, _, stderr) = run(newsdex(scratch.path())
        .args(["extract", "--published", "10/3/22"])
        .arg(&seed));
    assert_eq!(code, 2);
    assert!(stderr.contains("--published"), "{stderr}");
}

#[test]
fn extract_prints_files_in_order() {
    // Files are read in parallel; their articles still come out in the
    // order the folder walk gives, one article per text file here.
    let scratch = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(newsdex(scratch.path())
        .args(["extract", "--json"])
        .arg(corpus().join("meantime")));
    assert_eq!(code, 0, "{stderr}");
    let paths: Vec<String> = json_lines(&stdout)
        .iter()
        .map(|article| article["path"].as_str().unwrap().to_owned())
        .collect();
    assert!(paths.len() > 100, "{} articles", paths.len());
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted);
}

#[test]
fn extract_ids_match_index_ids() {
    let index = corpus_index();
    let seed = corpus().join("seeds/003_76b365919c3e08c6.txt");
    let (_, stdout, _) = run(newsdex(index.path()).args(["extract", "--json"]).arg(&seed));
    let id = json_lines(&stdout)[0]["id"].as_str().unwrap().to_owned();
    let (code, stdout, _) = run(newsdex(index.path()).args(["show", &id, "--json"]));
    assert_eq!(code, 0);
    assert!(
        json_lines(&stdout)[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("003_76b365919c3e08c6.txt")
    );
}

#[test]
fn stats_counts_the_corpus() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args(["stats", "--json"]));
    assert_eq!(code, 0);
    let stats = &json_lines(&stdout)[0];
    assert_eq!(stats["articles"], 122);
    assert_eq!(stats["files"], 122);
    assert!(
        stats["sections"].as_u64().unwrap() >= 6,
        "seed 003 has six headed sections"
    );
    assert!(
        stats["quotes"].as_u64().unwrap() >= 6,
        "the seeds alone hold six quotes: {stats}"
    );
}

#[test]
fn since_and_until_filter_on_the_publication_date() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args([
        "search", "chrysler", "--since", "2009-04", "--until", "2009-05", "--json", "-n", "50",
    ]));
    assert_eq!(code, 0);
    let hits: Vec<serde_json::Value> = json_lines(&stdout)
        .into_iter()
        .filter(|line| line["type"] == "hit")
        .collect();
    assert!(hits.len() >= 3, "{stdout}");
    for hit in &hits {
        let published = hit["published"].as_str().unwrap();
        assert!(
            ("2009-04-01"..="2009-05-31").contains(&published),
            "{published}"
        );
    }
    let (code, _, stderr) =
        run(newsdex(index.path()).args(["search", "chrysler", "--since", "April"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--since \"April\" is not a date"),
        "{stderr}"
    );
}

#[test]
fn sort_by_date_puts_the_newest_first() {
    let index = corpus_index();
    let (_, stdout, _) =
        run(newsdex(index.path())
            .args(["search", "chrysler", "--sort", "date", "--json", "-n", "50"]));
    let dates: Vec<String> = json_lines(&stdout)
        .into_iter()
        .filter(|line| line["type"] == "hit")
        .filter_map(|hit| hit["published"].as_str().map(str::to_owned))
        .collect();
    assert!(dates.len() >= 5);
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "{dates:?}");
}

#[test]
fn timeline_counts_match_the_search_and_fit_80_columns() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args(["timeline", "chrysler", "--json"]));
    assert_eq!(code, 0);
    let lines = json_lines(&stdout);
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    let dated: u64 = lines
        .iter()
        .filter(|l| l["type"] == "period")
        .map(|l| l["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(summary["dated"].as_u64().unwrap(), dated);
    let (_, search, _) = run(newsdex(index.path()).args(["search", "chrysler", "--json"]));
    let total = json_lines(&search).last().unwrap()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(dated + summary["undated"].as_u64().unwrap(), total);

    let (code, chart, _) = run(newsdex(index.path()).args(["timeline", "--by", "year"]));
    assert_eq!(code, 0);
    assert!(
        chart.lines().all(|line| line.chars().count() <= 80),
        "{chart}"
    );
    assert!(
        chart.lines().any(|line| line.starts_with("2009 █")),
        "{chart}"
    );
}

#[test]
fn quotes_by_speaker_list_what_erdogan_said_with_title_and_path() {
    let index = corpus_index();
    let (code, stdout, stderr) =
        run(newsdex(index.path()).args(["quotes", "--speaker", "Erdogan", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let lines = json_lines(&stdout);
    let quotes: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "quote").collect();
    for opening in [
        "new turning point",
        "Our common goal",
        "I expressed the importance",
    ] {
        let quote = quotes
            .iter()
            .find(|quote| quote["text"].as_str().unwrap().starts_with(opening))
            .unwrap_or_else(|| panic!("{opening:?} in {stdout}"));
        assert_eq!(quote["speaker"], "Recep Tayyip Erdogan");
        assert_eq!(
            quote["title"],
            "Israel, Turkey Vow to Mend Broken Ties in Historic Visit"
        );
        assert!(
            quote["path"]
                .as_str()
                .unwrap()
                .ends_with("000_3894bdc2c283492e.txt")
        );
    }
    assert!(
        quotes
            .iter()
            .all(|q| q["speaker"] == "Recep Tayyip Erdogan"),
        "only Erdogan's quotes: {stdout}"
    );
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["total"], quotes.len());
}

#[test]
fn quotes_match_their_own_words_only() {
    let index = corpus_index();
    // "Jerusalem" is in the Herzog article's body but in only one quote.
    let (code, stdout, _) =
        run(newsdex(index.path()).args(["quotes", "Jerusalem", "--speaker", "Erdogan"]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("historical status of **Jerusalem**"),
        "{stdout}"
    );
    assert!(stdout.contains("1 of 1 matching quotes"), "{stdout}");
    let (code, stdout, _) = run(newsdex(index.path()).args(["quotes", "key moment", "--json"]));
    assert_eq!(code, 0);
    let first = &json_lines(&stdout)[0];
    assert_eq!(first["text"], "key moment.");
    assert_eq!(first["speaker"], "Isaac Herzog");
    assert_eq!(first["resolution"], "role");
    let (code, _, _) = run(newsdex(index.path()).args(["quotes", "--speaker", "Nobody Atall"]));
    assert_eq!(code, 1, "nothing found");
}

#[test]
fn speakers_ranks_who_is_quoted_most() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args(["speakers", "--json", "-n", "100"]));
    assert_eq!(code, 0);
    let speakers = json_lines(&stdout);
    let counts: Vec<u64> = speakers
        .iter()
        .map(|s| s["quotes"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{stdout}");
    let erdogan = speakers
        .iter()
        .find(|s| s["name"] == "Recep Tayyip Erdogan")
        .expect("Erdogan is quoted");
    assert_eq!(erdogan["quotes"], 4);
    assert_eq!(erdogan["articles"], 1);
    // A query narrows the count to the quotes that contain its words.
    let (code, stdout, _) = run(newsdex(index.path()).args(["speakers", "Jerusalem", "--json"]));
    assert_eq!(code, 0);
    let names: Vec<String> = json_lines(&stdout)
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        names.iter().any(|n| n == "Recep Tayyip Erdogan"),
        "{stdout}"
    );
    assert!(!names.iter().any(|n| n == "Steve Jobs"), "{stdout}");
}

#[test]
fn search_hits_show_the_matching_quote_and_main_entities() {
    let index = corpus_index();
    let (code, stdout, _) = run(newsdex(index.path()).args(["search", "\"key moment\"", "--json"]));
    assert_eq!(code, 0);
    let hit = &json_lines(&stdout)[0];
    assert_eq!(hit["quote"]["text"], "key moment.");
    assert_eq!(hit["quote"]["speaker"], "Isaac Herzog");
    let entities: Vec<&str> = hit["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(entities.contains(&"Isaac Herzog"), "{entities:?}");
    assert!(entities.contains(&"Recep Tayyip Erdogan"), "{entities:?}");
    assert!(entities.len() <= 5);
    let (_, human, _) = run(newsdex(index.path()).args(["search", "\"key moment\""]));
    assert!(
        human.contains("“**key** **moment**.” — Isaac Herzog"),
        "{human}"
    );
    assert!(human.contains("about: "), "{human}");
    // A filter on the speaker keeps the articles that quote them.
    let (code, stdout, _) =
        run(newsdex(index.path()).args(["search", "ambassador", "--speaker", "Herzog", "--json"]));
    assert_eq!(code, 0);
    let hits: Vec<serde_json::Value> = json_lines(&stdout)
        .into_iter()
        .filter(|l| l["type"] == "hit")
        .collect();
    assert_eq!(hits.len(), 1, "{stdout}");
}
