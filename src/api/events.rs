//! The change feed over HTTP: events of the caller's projects after a cursor, in order.

use super::error::{ApiError, Problem};
use super::{blocking, AppState};
use crate::auth::Identity;
use crate::db::events as store;
use crate::webhooks::{cursor_of, seq_of, Event};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

/// Default page of the feed.
const DEFAULT_LIMIT: i64 = 100;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EventPage {
    /// The events after the cursor, oldest first.
    pub items: Vec<Event>,
    /// Pass as `after` to read on (the last event's cursor, or the one sent when nothing is new).
    pub next_cursor: String,
    pub limit: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// A `cursor` or `next_cursor` from an earlier answer; omitted: from the first event.
    #[param(max_length = 40)]
    pub after: Option<String>,
    /// One project of the token (default: all of them).
    pub project: Option<String>,
    /// Events per answer (default 100, at most EQUIPCHECK_MAX_PAGE_SIZE).
    #[param(minimum = 1)]
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/events", tag = "events", security(("bearer" = [])), params(EventQuery),
    responses((status = 200, description = "Events of the token's projects after the cursor, oldest first; \
        `Link: rel=\"next\"` names the address to poll next", body = EventPage),
        (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    who: Identity,
    state: web::Data<AppState>,
    query: web::Query<EventQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let max = state.limits.max_page_size;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT.min(max));
    if !(1..=max).contains(&limit) {
        return Err(ApiError::invalid("limit", format!("must be between 1 and {max}")));
    }
    let after = match query.after.as_deref() {
        None => 0,
        Some(cursor) => seq_of(cursor).ok_or_else(|| ApiError::invalid("after", "not a cursor of this feed"))?,
    };
    let scope = match (&query.project, who.scope()) {
        // Another project's events look like none at all.
        (Some(p), Some(mine)) if !mine.contains(p) => Some(Vec::new()),
        (Some(p), _) => Some(vec![p.clone()]),
        (None, mine) => mine.map(<[String]>::to_vec),
    };
    let rows = blocking(move || {
        let mut conn = state.pool.get()?;
        store::page(&mut conn, scope.as_deref(), after, limit)
    })
    .await?;
    let last = rows.last().map_or(after, |r| r.seq);
    let next_cursor = cursor_of(last);
    let mut pairs = vec![("after".to_string(), next_cursor.clone())];
    if let Some(p) = &query.project {
        pairs.push(("project".into(), p.clone()));
    }
    pairs.push(("limit".into(), limit.to_string()));
    let next = format!(
        "</api/v1/events?{}>; rel=\"next\"",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    );
    let page = EventPage {
        items: rows.into_iter().map(Event::from).collect(),
        next_cursor,
        limit,
    };
    Ok(HttpResponse::Ok().insert_header(("Link", next)).json(page))
}
