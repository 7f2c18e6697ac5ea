// The IPC commands the shell exposes: the one list. `build.rs` turns each name into an
// `allow-…` permission and writes the `etap-commands` permission set that the window's
// capability grants; `gui.rs` registers each as a handler. Adding a command is adding
// its function to commands.rs and its name here, nowhere else.

/// Calls the macro `$then` with every command name.
#[allow(unused_macros)]
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            app_info,
            set_language,
            list_clients,
            create_client,
            list_projects,
            create_project,
            rename_project,
            project_page,
            advance,
            add_stage,
            client_card,
            save_client,
            request,
            save_request,
            clarification,
            add_question,
            save_question,
            delete_question,
            save_round_notes,
            team_card,
            save_team_member,
            remove_team_member,
            save_handover,
            provider,
            save_provider,
            set_provider_logo,
            estimate_card,
            save_estimate,
            negotiation,
            save_offer,
            counter_offer,
            export_proposal,
            issued_documents,
            issue_check,
            spec_templates,
            spec_versions,
            create_spec,
            save_spec,
            add_spec_section,
            add_requirement,
            approve_spec,
            new_spec_version,
            spec_diff,
            search_specs,
            export_spec,
            markdown_blocks,
            copy_document,
            deployment_plan,
            save_deployment_plan,
            db_archives,
            record_db_archive,
            support_handover,
            save_support_handover,
            export_act,
            export_invoice,
            export_final_act,
            receivables,
            record_payment,
            stage_plan,
            stage_plan_check,
            save_planned_stage,
            place_requirement,
            reorder_stages,
            split_stage,
            plan_addendum,
            environment,
            save_environment_item,
            work_log,
            log_work,
            bugs,
            save_bug,
            adjustments,
            add_adjustment,
            acceptance,
            save_acceptance,
            development_progress,
            stage_default_prices,
            export_archive,
            import_archive,
            register_check,
            projects_page,
            search_page,
        }
    };
}

macro_rules! command_names {
    ($($c:ident),* $(,)?) => {
        /// Every command's name, as the UI invokes it.
        pub const COMMANDS: &[&str] = &[$(stringify!($c)),*];
    };
}

with_commands!(command_names);
