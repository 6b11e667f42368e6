//! Every cell accounted for, over HTTP: several sheets in one batch, other text columns, a code column without
//! a header, descriptions holding semicolons; the layout is stored with the batch.

use crate::helpers::*;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

async fn upload(app: &TestApp, name: &str, bytes: Vec<u8>) -> Value {
    let response = app.upload_bytes(&token("officer", &["p"]), "p", name, bytes).await;
    assert_eq!(response.status(), 201, "{name}");
    let batch: Value = response.json().await.unwrap();
    app.get_json(
        &format!("/api/v1/batches/{}", batch["id"].as_str().unwrap()),
        &token("officer", &["p"]),
    )
    .await
}

async fn items(app: &TestApp, batch: &Value) -> Vec<Value> {
    let page = app
        .get_json(
            &format!("/api/v1/batches/{}/items?limit=500", batch["id"].as_str().unwrap()),
            &token("officer", &["p"]),
        )
        .await;
    page["items"].as_array().unwrap().clone()
}

fn lots() -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, lines) in [
        ("Lot 1", ["Tent 6 x 6 m", "Generator 5 kVA"]),
        ("Lot 2", ["Sniper rifle with scope", "Spotting scope"]),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_string(0, 0, "Description").unwrap();
        ws.write_string(0, 1, "Quantity").unwrap();
        for (r, line) in lines.iter().enumerate() {
            ws.write_string(1 + r as u32, 0, *line).unwrap();
            ws.write_number(1 + r as u32, 1, 2.0).unwrap();
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Delivery to Niamey before March").unwrap();
    wb.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_workbook_of_several_lots_is_one_batch_with_each_items_sheet() {
    for db in backends() {
        let app = spawn_app(db).await;
        let batch = upload(&app, "lots.xlsx", lots()).await;
        assert_eq!(batch["summary"]["items"], 4, "{db:?}");
        assert_eq!(batch["summary"]["prohibited"], 1, "{db:?}");
        let sniper = items(&app, &batch)
            .await
            .into_iter()
            .find(|i| i["description"] == "Sniper rifle with scope")
            .unwrap();
        assert_eq!(
            (sniper["sheet"].as_str(), sniper["row"].as_i64()),
            (Some("Lot 2"), Some(2))
        );
        assert_eq!(sniper["decision"], "prohibited");
        let layout = &batch["layout"];
        let sheets: Vec<&str> = layout["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["sheet"].as_str().unwrap())
            .collect();
        assert_eq!(sheets, ["Lot 1", "Lot 2"]);
        assert_eq!(layout["skipped_sheets"][0]["sheet"], "Notes");
        assert!(layout["skipped_sheets"][0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("no header row"));
        assert_eq!(layout["sheets"][1]["columns"][0]["field"], "description");
        assert_eq!(layout["sheets"][1]["columns"][0]["action"], "screened_text");
    }
}

#[tokio::test]
async fn a_weapon_in_the_remarks_column_is_prohibited_with_its_column() {
    for db in backends() {
        let app = spawn_app(db).await;
        let csv =
            "Description;Quantity;Remarks\nTraining kit;1;incl. 2 000 rounds 7.62x39 and 4 AK-47\nOffice chair;4;\n";
        let batch = upload(&app, "kit.csv", csv.as_bytes().to_vec()).await;
        assert_eq!(batch["summary"]["prohibited"], 1, "{db:?}");
        let kit = items(&app, &batch)
            .await
            .into_iter()
            .find(|i| i["description"] == "Training kit")
            .unwrap();
        assert_eq!(kit["decision"], "prohibited");
        assert_eq!(kit["other_text"][0]["column"], "C (Remarks)");
        let one = item(&app, kit["id"].as_i64().unwrap()).await;
        let evidence: Vec<&Value> = one["classification"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["evidence"].as_array().unwrap())
            .collect();
        let ak = evidence.iter().find(|e| e["text"] == "AK-47").expect("AK-47 evidence");
        assert_eq!(
            (ak["field"].as_str(), ak["column"].as_str()),
            (Some("extra"), Some("C (Remarks)"))
        );
        assert_eq!(ak["span"], serde_json::json!([33, 38]));
        let remarks = &batch["layout"]["sheets"][0]["columns"][2];
        assert_eq!(
            (remarks["role"].as_str(), remarks["action"].as_str()),
            (Some("other"), Some("screened_text"))
        );
        // A cell beyond the last header is screened and reported.
        let csv = "Description;Quantity\nTraining kit;1;Pistol Glock 17\n";
        let batch = upload(&app, "beyond.csv", csv.as_bytes().to_vec()).await;
        assert_eq!(batch["summary"]["prohibited"], 1);
        let problems = app
            .get_json(
                &format!("/api/v1/batches/{}/problems", batch["id"].as_str().unwrap()),
                &token("officer", &["p"]),
            )
            .await;
        let problem = &problems["items"][0];
        assert_eq!(
            (problem["row"].as_i64(), problem["column"].as_str()),
            (Some(2), Some("C"))
        );
        assert_eq!(problem["value"], "Pistol Glock 17");
    }
}

#[tokio::test]
async fn a_code_column_without_a_header_declares_the_code() {
    for db in backends() {
        let app = spawn_app(db).await;
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Description").unwrap();
        ws.write_string(0, 1, "Qty").unwrap();
        for (r, (line, code)) in [("Item 4", "ML1.a"), ("Camera", "6A003.b.4")].iter().enumerate() {
            ws.write_string(1 + r as u32, 0, *line).unwrap();
            ws.write_number(1 + r as u32, 1, 1.0).unwrap();
            ws.write_string(1 + r as u32, 2, *code).unwrap();
        }
        let batch = upload(&app, "codes.xlsx", wb.save_to_buffer().unwrap()).await;
        let all = items(&app, &batch).await;
        let declared = all.iter().find(|i| i["description"] == "Item 4").unwrap();
        assert_eq!(declared["decision"], "prohibited", "{db:?}");
        assert_eq!(declared["control_code"], "ML1.a");
        let camera = all.iter().find(|i| i["description"] == "Camera").unwrap();
        assert_eq!(camera["decision"], "dual_use");
        let column = &batch["layout"]["sheets"][0]["columns"][2];
        assert_eq!(column["role"], "detected_control_code");
        assert_eq!(column["field"], "control_code");
        let problems = app
            .get_json(
                &format!("/api/v1/batches/{}/problems", batch["id"].as_str().unwrap()),
                &token("officer", &["p"]),
            )
            .await;
        assert_eq!(problems["total"], 0, "{problems}");
    }
}

#[tokio::test]
async fn descriptions_with_semicolons_are_never_cut() {
    for db in backends() {
        let app = spawn_app(db).await;
        let csv = "Description\nSpare parts; rifle barrels 5.56 mm\nTent; 6 x 6 m\n";
        let batch = upload(&app, "one-column.csv", csv.as_bytes().to_vec()).await;
        let all = items(&app, &batch).await;
        let descriptions: Vec<&str> = all.iter().map(|i| i["description"].as_str().unwrap()).collect();
        assert_eq!(
            descriptions,
            ["Spare parts; rifle barrels 5.56 mm", "Tent; 6 x 6 m"],
            "{db:?}"
        );
        assert_eq!(all[0]["decision"], "prohibited");
        assert_eq!(batch["layout"]["delimiter"], Value::Null);
    }
}
