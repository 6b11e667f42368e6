//! Issue 16, finding 2: stalled uploads. A client that declares a large body and sends a few bytes holds no
//! processing slot (the slot is taken once the body is in), is answered 408 when it stops sending, and one
//! user's uploads in flight are capped, so other officers keep uploading.

use crate::helpers::*;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Opens an upload that declares 1 MB and sends only the start of the form, then stalls.
pub async fn stalled_upload(app: &TestApp, token: &str, path: &str) -> TcpStream {
    let host = app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).await.unwrap();
    let boundary = "XyZ";
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 1000000\r\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"project\"\r\n\r\np1\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nDescription\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

async fn status_line(stream: &mut TcpStream) -> String {
    let mut buf = vec![0u8; 1024];
    let n = tokio::time::timeout(Duration::from_secs(20), stream.read(&mut buf))
        .await
        .expect("an answer to the stalled upload")
        .unwrap();
    String::from_utf8_lossy(&buf[..n])
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn stalled_uploads_neither_lock_others_out_nor_stay_open() {
    for db in backends() {
        let app = spawn_app_with(db, &["--max-concurrent-uploads", "1", "--body-idle-timeout", "2s"]).await;
        let slow = token_as("slow", "officer", &["p1"]);
        let mut first = stalled_upload(&app, &slow, "/api/v1/batches").await;
        let mut second = stalled_upload(&app, &slow, "/api/v1/batches").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        // Another officer's upload goes through while both stall (it used to answer 429).
        let response = app
            .upload_bytes(
                &token_as("olga", "officer", &["p1"]),
                "p1",
                "ok.csv",
                b"Description\nTent 4 x 4\n".to_vec(),
            )
            .await;
        assert_eq!(response.status(), 201, "{db:?}");
        // The same user's third upload in flight is over their cap.
        let third = app
            .upload_bytes(&slow, "p1", "third.csv", b"Description\nTent\n".to_vec())
            .await;
        assert_eq!(problem(third, 429).await["code"], "too_busy");
        // The stalled ones are answered 408 once nothing arrives for the idle time.
        assert!(status_line(&mut first).await.contains("408"), "{db:?}");
        assert!(status_line(&mut second).await.contains("408"), "{db:?}");
        let again = app
            .upload_bytes(&slow, "p1", "later.csv", b"Description\nTent 5\n".to_vec())
            .await;
        assert_eq!(again.status(), 201);
    }
}
