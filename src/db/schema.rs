// @generated automatically by Diesel CLI.

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
    calendar_feeds (project_id) {
        project_id -> Text,
        token_sha256 -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    deliveries (id) {
        id -> Text,
        project_id -> Text,
        item_id -> BigInt,
        certificate_id -> Nullable<Text>,
        description -> Text,
        quantity -> BigInt,
        delivered_on -> Date,
        receiving_unit -> Text,
        location -> Text,
        country -> Nullable<Text>,
        profile -> Text,
        confirmed_on -> Nullable<Date>,
        confirmed_by -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    disposals (id) {
        id -> Text,
        project_id -> Text,
        serial_id -> Text,
        disposed_on -> Date,
        method -> Text,
        witness -> Text,
        certificate_ref -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    end_user_certificates (id) {
        id -> Text,
        project_id -> Text,
        reference -> Text,
        issuer -> Text,
        end_user -> Text,
        consignee -> Text,
        final_destination -> Text,
        end_use -> Text,
        no_reexport -> Bool,
        onsite_checks -> Bool,
        issued_on -> Date,
        valid_until -> Nullable<Date>,
        document_sha256 -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    events (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        project_id -> Text,
        event_type -> Text,
        entity_type -> Text,
        entity_id -> Text,
        data -> Text,
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
    incidents (id) {
        id -> Text,
        project_id -> Text,
        delivery_id -> Text,
        serial_id -> Nullable<Text>,
        inspection_id -> Nullable<Text>,
        kind -> Text,
        discovered_on -> Date,
        description -> Text,
        reported_on -> Nullable<Date>,
        reported_to -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    inspection_results (inspection_id, serial_id) {
        inspection_id -> Text,
        serial_id -> Text,
        result -> Text,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    inspections (id) {
        id -> Text,
        project_id -> Text,
        delivery_id -> Text,
        kind -> Text,
        method -> Text,
        planned_on -> Nullable<Date>,
        done_on -> Nullable<Date>,
        inspector -> Nullable<Text>,
        findings -> Nullable<Text>,
        evidence -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    item_screenings (id) {
        id -> BigInt,
        item_id -> BigInt,
        decision -> Text,
        catalog_version -> Text,
        evidence -> Text,
        cause -> Text,
        screened_by -> Text,
        screened_at -> Timestamp,
        from_item_id -> Nullable<BigInt>,
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
        ever_prohibited -> Bool,
        lowered_by -> Nullable<Text>,
        lowering_confirmed_by -> Nullable<Text>,
        supersedes -> Nullable<BigInt>,
    }
}

diesel::table! {
    job_inputs (job_id) {
        job_id -> Text,
        file_name -> Text,
        bytes -> Binary,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        payload -> Text,
        state -> Text,
        attempts -> BigInt,
        max_attempts -> BigInt,
        run_after -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        worker -> Nullable<Text>,
        progress -> BigInt,
        result -> Nullable<Text>,
        last_error -> Nullable<Text>,
        project_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    obligations (id) {
        id -> Text,
        project_id -> Text,
        delivery_id -> Text,
        serial_id -> Nullable<Text>,
        source_id -> Nullable<Text>,
        kind -> Text,
        profile -> Text,
        country -> Nullable<Text>,
        opened_on -> Date,
        due_on -> Date,
        fulfilled_on -> Nullable<Date>,
        fulfilled_by -> Nullable<Text>,
        waived_on -> Nullable<Date>,
        waived_by -> Nullable<Text>,
        waiver_justification -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    party_settlements (name_key, entity) {
        name_key -> Text,
        entity -> Text,
        entity_digest -> Text,
        party_name -> Text,
        item_id -> BigInt,
        settled_by -> Text,
        justification -> Text,
        settled_at -> Timestamp,
    }
}

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
    rate_counters (kind, counter_key, window_start) {
        kind -> Text,
        counter_key -> Text,
        window_start -> BigInt,
        hits -> BigInt,
        expires_at -> BigInt,
    }
}

diesel::table! {
    serials (id) {
        id -> Text,
        project_id -> Text,
        delivery_id -> Text,
        serial_number -> Text,
        model -> Nullable<Text>,
        custodian -> Nullable<Text>,
        location -> Nullable<Text>,
        status -> Text,
        last_seen_on -> Nullable<Date>,
        last_seen_location -> Nullable<Text>,
        last_seen_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    transfer_consents (id) {
        id -> Text,
        project_id -> Text,
        delivery_id -> Text,
        serial_numbers -> Text,
        transferee -> Text,
        reason -> Text,
        requested_on -> Date,
        decision -> Text,
        decided_on -> Nullable<Date>,
        decided_by -> Nullable<Text>,
        decision_note -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    upload_slots (id) {
        id -> Text,
        user_name -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    users (name) {
        name -> Text,
        password_hash -> Text,
        role -> Text,
        projects -> Text,
        created_at -> Timestamp,
        language -> Nullable<Text>,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    web_sessions (id_sha256) {
        id_sha256 -> Text,
        subject -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event_seq -> BigInt,
        state -> Text,
        attempts -> BigInt,
        last_status -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        project_id -> Text,
        url -> Text,
        secret -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(batches -> projects (project_id));
diesel::joinable!(calendar_feeds -> projects (project_id));
diesel::joinable!(deliveries -> end_user_certificates (certificate_id));
diesel::joinable!(deliveries -> items (item_id));
diesel::joinable!(deliveries -> projects (project_id));
diesel::joinable!(disposals -> projects (project_id));
diesel::joinable!(disposals -> serials (serial_id));
diesel::joinable!(end_user_certificates -> projects (project_id));
diesel::joinable!(import_problems -> batches (batch_id));
diesel::joinable!(incidents -> deliveries (delivery_id));
diesel::joinable!(incidents -> inspections (inspection_id));
diesel::joinable!(incidents -> projects (project_id));
diesel::joinable!(incidents -> serials (serial_id));
diesel::joinable!(inspection_results -> inspections (inspection_id));
diesel::joinable!(inspection_results -> serials (serial_id));
diesel::joinable!(inspections -> deliveries (delivery_id));
diesel::joinable!(inspections -> projects (project_id));
diesel::joinable!(item_screenings -> items (item_id));
diesel::joinable!(items -> batches (batch_id));
diesel::joinable!(job_inputs -> jobs (job_id));
diesel::joinable!(obligations -> deliveries (delivery_id));
diesel::joinable!(obligations -> projects (project_id));
diesel::joinable!(obligations -> serials (serial_id));
diesel::joinable!(party_settlements -> items (item_id));
diesel::joinable!(serials -> deliveries (delivery_id));
diesel::joinable!(serials -> projects (project_id));
diesel::joinable!(transfer_consents -> deliveries (delivery_id));
diesel::joinable!(transfer_consents -> projects (project_id));
diesel::joinable!(webhook_deliveries -> events (event_seq));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));

diesel::allow_tables_to_appear_in_same_query!(
    audit_log,
    batches,
    calendar_feeds,
    deliveries,
    disposals,
    end_user_certificates,
    events,
    idempotency,
    import_problems,
    incidents,
    inspection_results,
    inspections,
    item_screenings,
    items,
    job_inputs,
    jobs,
    obligations,
    party_settlements,
    projects,
    rate_counters,
    serials,
    settings,
    transfer_consents,
    upload_slots,
    users,
    web_sessions,
    webhook_deliveries,
    webhooks,
);
