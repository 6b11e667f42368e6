// One portable schema for both backends (written by hand to match migrations/sqlite and migrations/postgres).

diesel::table! {
    projects (id) {
        id -> Text,
        name -> Text,
        partner_country -> Nullable<Text>,
        recipient -> Nullable<Text>,
        funding_line -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (name) {
        name -> Text,
        password_hash -> Text,
        role -> Text,
        projects -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    batches (id) {
        id -> Text,
        project_id -> Text,
        file_name -> Text,
        sha256 -> Text,
        source -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        catalog_version -> Text,
        status -> Text,
        item_count -> BigInt,
        problem_count -> BigInt,
        summary -> Text,
        layout -> Nullable<Text>,
        review_state -> Text,
    }
}

diesel::table! {
    items (id) {
        id -> BigInt,
        batch_id -> Text,
        position -> BigInt,
        sheet -> Nullable<Text>,
        row_number -> BigInt,
        line_ref -> Nullable<Text>,
        description -> Text,
        quantity -> Nullable<Double>,
        unit -> Nullable<Text>,
        unit_price -> Nullable<Double>,
        currency -> Nullable<Text>,
        hs_code -> Nullable<Text>,
        control_code -> Nullable<Text>,
        supplier -> Nullable<Text>,
        origin -> Nullable<Text>,
        end_user -> Nullable<Text>,
        destination -> Nullable<Text>,
        decision -> Text,
        classification -> Text,
        review_status -> Text,
        review_note -> Nullable<Text>,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamp>,
        version -> BigInt,
        review_entry -> Nullable<Text>,
        proposal -> Nullable<Text>,
        question -> Nullable<Text>,
        rescreen -> Nullable<Text>,
    }
}

diesel::table! {
    import_problems (id) {
        id -> BigInt,
        batch_id -> Text,
        position -> BigInt,
        sheet -> Nullable<Text>,
        row_number -> BigInt,
        column_ref -> Nullable<Text>,
        value -> Nullable<Text>,
        message -> Text,
    }
}

diesel::table! {
    idempotency (subject, idempotency_key) {
        subject -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        response_status -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        recorded_at -> Timestamp,
        actor -> Text,
        actor_role -> Text,
        auth_method -> Text,
        action -> Text,
        outcome -> Text,
        entity_type -> Text,
        entity_id -> Text,
        project_id -> Nullable<Text>,
        before_state -> Nullable<Text>,
        after_state -> Nullable<Text>,
        reason -> Nullable<Text>,
        request_id -> Nullable<Text>,
        idempotency_key -> Nullable<Text>,
        catalog_version -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::joinable!(batches -> projects (project_id));
diesel::joinable!(items -> batches (batch_id));
diesel::joinable!(import_problems -> batches (batch_id));

diesel::allow_tables_to_appear_in_same_query!(
    projects,
    users,
    batches,
    items,
    import_problems,
    idempotency,
    settings,
    audit_log
);
