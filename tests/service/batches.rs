use crate::helpers::*;
use serde_json::Value;

const SAMPLES: [&str; 3] = [
    "niger-police-mobility-fr.xlsx",
    "polizei-ausstattung-de.xls",
    "border-management-en.csv",
];

#[tokio::test]
async fn samples_upload_and_read_back_with_decisions_and_evidence() {
    for db in backends() {
        let app = spawn_app(db).await;
        let officer = token("officer", &["niger"]);
        let mut ids = Vec::new();
        for name in SAMPLES {
            let response = app.upload_fixture(&officer, "niger", name).await;
            assert_eq!(response.status(), 201, "{name} on {db:?}");
            let location = response
                .headers()
                .get("location")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let batch: Value = response.json().await.unwrap();
            assert_eq!(location, format!("/api/v1/batches/{}", batch["id"].as_str().unwrap()));
            assert_eq!(batch["file_name"], name);
            assert_eq!(batch["source"], "upload");
            assert_eq!(batch["status"], "complete");
            assert_eq!(batch["catalog_version"], "service-test-1");
            assert_eq!(batch["created_by"], "tester");
            assert!(batch["item_count"].as_i64().unwrap() > 10);
            assert_eq!(batch["summary"]["items"], batch["item_count"]);
            assert_eq!(batch["sha256"].as_str().unwrap().len(), 64);
            ids.push(batch["id"].as_str().unwrap().to_string());
        }
        let list = app.get_json("/api/v1/batches", &officer).await;
        assert_eq!(list["total"], 3);

        // The German sheet: an assault rifle is prohibited, with the matched word as evidence.
        let de = &ids[1];
        let batch = app.get_json(&format!("/api/v1/batches/{de}"), &officer).await;
        assert_eq!(batch["summary"]["prohibited"], 3);
        let page = app
            .get_json(&format!("/api/v1/batches/{de}/items?decision=prohibited"), &officer)
            .await;
        assert_eq!(page["total"], 3);
        let rifle = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["description"].as_str().unwrap().contains("Sturmgewehr"))
            .unwrap();
        assert_eq!(rifle["row"], 9);
        assert_eq!(rifle["sheet"], "Ausstattung");
        assert_eq!(rifle["review"]["status"], "pending");
        assert!(rifle["entries"].as_array().unwrap().iter().any(|e| e == "ML1"));
        assert!(rifle.get("classification").is_none(), "lists stay light");
        let one = app.get_json(&format!("/api/v1/items/{}", rifle["id"]), &officer).await;
        let findings = one["classification"]["findings"].as_array().unwrap();
        let ml1 = findings.iter().find(|f| f["entry"] == "ML1").unwrap();
        assert_eq!(ml1["decision"], "prohibited");
        assert!(ml1["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["matched"].as_str().unwrap().contains("gewehr")));

        // Text search (case-insensitive), pagination, review filter.
        let hits = app
            .get_json(&format!("/api/v1/batches/{de}/items?q=WÄRMEBILD"), &officer)
            .await;
        assert_eq!(hits["total"], 1);
        let hits = app
            .get_json(&format!("/api/v1/batches/{de}/items?q=pistole"), &officer)
            .await;
        assert_eq!(hits["total"], 2);
        let hits = app
            .get_json(&format!("/api/v1/batches/{de}/items?q=100%25"), &officer)
            .await;
        assert_eq!(hits["total"], 0, "LIKE wildcards are escaped");
        let all = app
            .get_json(&format!("/api/v1/batches/{de}/items?limit=5&offset=0"), &officer)
            .await;
        let next = app
            .get_json(&format!("/api/v1/batches/{de}/items?limit=5&offset=5"), &officer)
            .await;
        assert_eq!(all["items"].as_array().unwrap().len(), 5);
        assert_eq!(all["total"], 17);
        assert!(all["items"][4]["position"].as_i64() < next["items"][0]["position"].as_i64());
        let pending = app
            .get_json(
                &format!("/api/v1/batches/{de}/items?review_status=pending&limit=500"),
                &officer,
            )
            .await;
        assert_eq!(pending["total"], 17);
        let bad = app
            .get(
                &format!("/api/v1/batches/{de}/items?decision=forbidden&review_status=maybe"),
                &officer,
            )
            .await;
        let body = problem(bad, 422).await;
        assert_eq!(body["errors"].as_array().unwrap().len(), 2);

        // The CSV export: one row per item, as `check --format csv`.
        let csv = app.get(&format!("/api/v1/batches/{de}/export.csv"), &officer).await;
        assert_eq!(csv.status(), 200);
        assert!(csv
            .headers()
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let csv = csv.text().await.unwrap();
        assert!(csv.starts_with("file,sheet,row,"));
        assert_eq!(csv.lines().count(), 18);
        assert!(csv
            .lines()
            .any(|l| l.contains("Sturmgewehr") && l.contains(",prohibited,")));

        // Problems of a sample (an empty page is fine) and of a sheet with a bad cell.
        let problems = app
            .get_json(&format!("/api/v1/batches/{}/problems", ids[0]), &officer)
            .await;
        assert!(problems["items"].is_array());
        let csv = "Description,Quantity\nNight vision goggles,two\nTent,4\n"
            .as_bytes()
            .to_vec();
        let response = app.upload_bytes(&officer, "niger", "bad-cells.csv", csv).await;
        assert_eq!(response.status(), 201);
        let batch: Value = response.json().await.unwrap();
        assert_eq!(batch["problem_count"], 1);
        let problems = app
            .get_json(
                &format!("/api/v1/batches/{}/problems", batch["id"].as_str().unwrap()),
                &officer,
            )
            .await;
        assert_eq!(problems["total"], 1);
        assert_eq!(problems["items"][0]["row"], 2);
        assert_eq!(problems["items"][0]["value"], "two");
    }
}

#[tokio::test]
async fn identical_reupload_returns_the_existing_batch() {
    for db in backends() {
        let app = spawn_app(db).await;
        let officer = token("officer", &["a", "b"]);
        let first = app.upload_fixture(&officer, "a", SAMPLES[2]).await;
        assert_eq!(first.status(), 201);
        let first: Value = first.json().await.unwrap();
        let again = app.upload_fixture(&officer, "a", SAMPLES[2]).await;
        assert_eq!(again.status(), 200);
        let again: Value = again.json().await.unwrap();
        assert_eq!(first["id"], again["id"]);
        // Another name, same bytes: still the same batch; another project: a new batch.
        let bytes = std::fs::read(fixture("import").join(SAMPLES[2])).unwrap();
        let renamed = app.upload_bytes(&officer, "a", "copy.csv", bytes.clone()).await;
        assert_eq!(renamed.status(), 200);
        let other = app.upload_bytes(&officer, "b", "copy.csv", bytes).await;
        assert_eq!(other.status(), 201);
        let list = app.get_json("/api/v1/batches", &officer).await;
        assert_eq!(list["total"], 2);
        let only_a = app.get_json("/api/v1/batches?project=a&source=upload", &officer).await;
        assert_eq!(only_a["total"], 1);
    }
}

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WB: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WB_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Description</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Helmet</t></is></c></row></sheetData></worksheet>"#;
/// Shared strings declaring two billion entries: the reader would allocate for all of them.
const SST_BOMB: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000000000" uniqueCount="2000000000"><si><t>x</t></si></sst>"#;

/// A spreadsheet bomb: a tiny XLSX whose shared-strings table declares two billion strings.
fn spreadsheet_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in [
            ("[Content_Types].xml", CT),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WB),
            ("xl/_rels/workbook.xml.rels", WB_RELS),
            ("xl/worksheets/sheet1.xml", SHEET),
            ("xl/sharedStrings.xml", SST_BOMB),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

#[tokio::test]
async fn hostile_uploads_are_refused_and_leave_nothing() {
    for db in backends() {
        let app = spawn_app_with(db, &["--max-upload-mib", "1"]).await;
        let officer = token("officer", &["p"]);

        // Declared too large: refused from Content-Length.
        let big = vec![b'a'; 3 * 1024 * 1024];
        let body = problem(app.upload_bytes(&officer, "p", "big.csv", big).await, 413).await;
        assert_eq!(body["code"], "payload_too_large");
        // Just over the limit: refused while streaming the file part.
        let mut over = b"Description\n".to_vec();
        over.resize(1024 * 1024 + 20 * 1024, b'x');
        let body = problem(app.upload_bytes(&officer, "p", "over.csv", over).await, 413).await;
        assert_eq!(body["code"], "payload_too_large");

        let bomb = spreadsheet_bomb();
        let body = problem(app.upload_bytes(&officer, "p", "bomb.xlsx", bomb).await, 422).await;
        assert_eq!(body["code"], "file_refused", "{body}");

        let body = problem(
            app.upload_bytes(&officer, "p", "fake.xlsx", b"<html>not a workbook</html>".to_vec())
                .await,
            422,
        )
        .await;
        assert_eq!(body["code"], "unreadable_file");
        let body = problem(
            app.upload_bytes(&officer, "p", "../../etc/passwd", b"root:x:0:0".to_vec())
                .await,
            422,
        )
        .await;
        assert_eq!(body["code"], "unreadable_file");
        assert!(
            !body["detail"].as_str().unwrap().contains("etc/"),
            "the name is metadata only: {body}"
        );

        let list = app.get_json("/api/v1/batches", &officer).await;
        assert_eq!(list["total"], 0, "nothing half-written");
        let pool = equipcheck::db::connect(&app.database_url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        use diesel::prelude::*;
        let items: i64 = equipcheck::db::schema::items::table
            .count()
            .get_result(&mut conn)
            .unwrap();
        let problems: i64 = equipcheck::db::schema::import_problems::table
            .count()
            .get_result(&mut conn)
            .unwrap();
        assert_eq!((items, problems), (0, 0));

        // The server still works afterwards.
        let response = app.upload_fixture(&officer, "p", SAMPLES[2]).await;
        assert_eq!(response.status(), 201);
    }
}

#[tokio::test]
async fn upload_form_errors_name_the_field() {
    let app = spawn_app(Db::Sqlite).await;
    let officer = token("officer", &["p"]);
    let form = reqwest::multipart::Form::new().text("project", "p");
    let response = app
        .client
        .post(app.url("/api/v1/batches"))
        .bearer_auth(&officer)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(problem(response, 422).await["errors"][0]["field"], "file");
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"Description\nTent\n".to_vec()).file_name("a.csv"),
    );
    let response = app
        .client
        .post(app.url("/api/v1/batches"))
        .bearer_auth(&officer)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(problem(response, 422).await["errors"][0]["field"], "project");
}

/// A client whose body is still arriving holds no processing slot (issue 16, finding 2): with one slot, another
/// officer's upload is processed meanwhile.
#[tokio::test]
async fn a_stalled_body_does_not_take_the_only_slot() {
    use tokio::io::AsyncWriteExt;
    let app = spawn_app_with(Db::Sqlite, &["--max-concurrent-uploads", "1"]).await;
    let officer = token("officer", &["p"]);
    let port = app.address.rsplit(':').next().unwrap();
    let mut slow = tokio::net::TcpStream::connect(format!("127.0.0.1:{port}"))
        .await
        .unwrap();
    let head = format!(
        "POST /api/v1/batches?project=p HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {officer}\r\n\
         Content-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: 100000\r\n\r\n--XYZ\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"slow.csv\"\r\n\r\nDescription\n"
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    slow.flush().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let other = token_as("otto", "officer", &["p"]);
    let response = app.upload_fixture(&other, "p", SAMPLES[2]).await;
    assert_eq!(response.status().as_u16(), 201);
    drop(slow);
}
