//! Joining a collective from an invitation link (`/rejoindre#<token>`): see
//! what the invite opens, give a name, join, download the collective.

use crate::{move_tr, tr};
use archipel_core::View;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::access_name;
use crate::sync::api::{self, ApiFailure};
use crate::sync::use_sync;

/// The path of the join page.
pub const JOIN_PATH: &str = "/rejoindre";

fn failure_text(failure: &ApiFailure) -> Signal<String> {
    match failure.code() {
        Some("invite_unknown") => move_tr!("join-error-unknown"),
        Some("invite_expired") => move_tr!("join-error-expired"),
        Some("invite_used_up") => move_tr!("join-error-used-up"),
        Some("invite_revoked") => move_tr!("join-error-revoked"),
        Some("invalid_display_name") => move_tr!("join-error-name"),
        None => move_tr!("join-error-offline"),
        Some(_) => {
            let message = failure.to_string();
            move_tr!("join-error-other", { "message" => message.clone() })
        }
    }
}

/// The join page.
#[component]
pub fn JoinView() -> impl IntoView {
    let sync = use_sync();
    let token = window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_owned();
    let has_token = !token.is_empty();
    let lookup = token.clone();
    let invite = LocalResource::new(move || {
        let token = lookup.clone();
        async move {
            if token.is_empty() {
                None
            } else {
                Some(api::inspect_invite(&token).await)
            }
        }
    });
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Signal<String>>);
    let busy = RwSignal::new(false);
    let navigate = StoredValue::new_local(use_navigate());
    let token = StoredValue::new(token);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let token = token.get_value();
            match sync.join(&token, &name.get_untracked()).await {
                Ok(()) => navigate
                    .with_value(|navigate| navigate(View::Cartography.path(), Default::default())),
                Err(failure) => {
                    error.set(Some(failure_text(&failure)));
                    busy.set(false);
                }
            }
        });
    };
    let received = move || sync.status.with(|status| status.received);
    view! {
        <section class="view join" aria-labelledby="view-title">
            <h1 id="view-title">{move_tr!("join-title")}</h1>
            <Show
                when=move || has_token
                fallback=|| view! { <p class="problem" role="alert">{move_tr!("join-missing-token")}</p> }
            >
                {move || match invite.get() {
                    None | Some(None) => view! { <p role="status">{move_tr!("join-checking")}</p> }.into_any(),
                    Some(Some(Err(failure))) => {
                        view! { <p class="problem" role="alert">{failure_text(&failure)}</p> }.into_any()
                    }
                    Some(Some(Ok(info))) => {
                        let role = access_name(info.access);
                        let collective = info.collective.clone();
                        view! {
                            <p class="lede">
                                {move_tr!("join-invited", { "collective" => collective.clone(), "role" => role.get() })}
                            </p>
                            <form class="card join-form" on:submit=submit>
                                <label for="display-name">{move_tr!("join-name-label")}</label>
                                <input
                                    id="display-name"
                                    name="display-name"
                                    type="text"
                                    required
                                    maxlength="80"
                                    autocomplete="nickname"
                                    aria-describedby="display-name-hint"
                                    prop:value=move || name.get()
                                    on:input=move |event| name.set(event_target_value(&event))
                                />
                                <p id="display-name-hint" class="hint">{move_tr!("join-name-hint")}</p>
                                <button type="submit" class="primary" disabled=move || busy.get()>
                                    {move_tr!("join-submit")}
                                </button>
                            </form>
                        }
                            .into_any()
                    }
                }}
            </Show>
            <Show when=move || busy.get()>
                <p role="status" class="progress">
                    {move || tr!("join-joining", { "count" => received() })}
                </p>
            </Show>
            {move || error.get().map(|message| view! { <p class="problem" role="alert">{message}</p> })}
        </section>
    }
}
