//! A kit's attachments: opening them (from the browser's cache when they are
//! there, so offline too), "make available offline" for the whole kit with
//! the space it takes, and adding one while editing (checked against the
//! size limit and the accepted types before anything is sent).

use crate::{move_tr, tr};
use archipel_core::Lang;
use archipel_core::files::{self, FileError, FileRef};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::use_kits;
use crate::sync::api::ApiFailure;
use crate::sync::files::{FileFailure, OfflineStatus};

fn lang() -> Lang {
    if crate::i18n::is_french() {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// Why a file could not be sent, opened or kept, in the current language:
/// the server's own words for its refusals (the app checks files with the
/// same rules and words before sending).
fn failure_text(failure: &FileFailure) -> String {
    match failure {
        FileFailure::Api(ApiFailure::Refused { body, .. }) => body.message_in(lang()).to_owned(),
        FileFailure::Api(_) => tr!("kit-file-unreachable"),
        FileFailure::NotOffline => tr!("kit-file-not-offline"),
        FileFailure::NotJoined => tr!("kit-file-not-joined"),
        FileFailure::Cache(_) => tr!("kit-file-cache-full"),
    }
}

/// A size in the current language's units ("12,4 Ko", "12.4 KB").
#[must_use]
pub fn size_text(size: u64) -> String {
    if crate::i18n::is_french() {
        files::size_fr(size)
    } else {
        files::size_en(size)
    }
}

/// What a file is, in words.
fn type_label(content_type: &str) -> String {
    match content_type {
        "application/pdf" => "PDF".to_owned(),
        "text/plain" => tr!("kit-file-text"),
        other => other
            .strip_prefix("image/")
            .map_or_else(|| other.to_owned(), str::to_uppercase),
    }
}

/// The attachments of the version read.
#[component]
pub fn Attachments(files: Signal<Vec<FileRef>>) -> impl IntoView {
    let sync = use_kits().sync;
    // Object URLs of the files available here, by hash.
    let urls = RwSignal::new(Vec::<(String, String)>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<(usize, usize)>);
    let kept = RwSignal::new(OfflineStatus::default());
    let revoke = |urls: &[(String, String)]| {
        for (_, url) in urls {
            let _ = web_sys::Url::revoke_object_url(url);
        }
    };
    on_cleanup(move || urls.with_untracked(|urls| revoke(urls)));
    // What the device keeps, and a link for each file it keeps (opened from
    // the cache: no network needed).
    let refresh = move || {
        let list = files.get_untracked();
        leptos::task::spawn_local(async move {
            match sync.offline_status(&list).await {
                Ok(status) => kept.set(status),
                Err(failure) => problem.set(Some(failure_text(&failure))),
            }
            let mut found = Vec::new();
            for file in &list {
                if crate::storage::files::has(&file.hash)
                    .await
                    .unwrap_or(false)
                    && let Ok(url) = sync.file_url(file).await
                {
                    found.push((file.hash.clone(), url));
                }
            }
            urls.update(|urls| {
                revoke(urls);
                *urls = found;
            });
        });
    };
    Effect::new(move |_| {
        files.track();
        refresh();
    });
    let open = move |file: FileRef| {
        leptos::task::spawn_local(async move {
            match sync.file_url(&file).await {
                Ok(url) => {
                    urls.update(|urls| urls.push((file.hash.clone(), url.clone())));
                    let _ = window().open_with_url_and_target(&url, "_blank");
                    refresh();
                }
                Err(failure) => problem.set(Some(failure_text(&failure))),
            }
        });
    };
    let keep_all = move |_| {
        let list = files.get_untracked();
        busy.set(Some((0, list.len())));
        leptos::task::spawn_local(async move {
            let outcome = sync
                .keep_offline(&list, move |done, total| busy.set(Some((done, total))))
                .await;
            busy.set(None);
            match outcome {
                Ok(_) => problem.set(None),
                Err(failure) => problem.set(Some(failure_text(&failure))),
            }
            refresh();
        });
    };
    let all_kept =
        move || kept.with(|kept| kept.files_total > 0 && kept.files_cached == kept.files_total);
    view! {
        <section class="kit-attachments" aria-labelledby="kit-attachments-title">
            <h2 id="kit-attachments-title">{move_tr!("kit-attachments")}</h2>
            <ul class="files">
                {move || {
                    files
                        .get()
                        .into_iter()
                        .map(|file| {
                            let hash = file.hash.clone();
                            let url = move || {
                                urls.with(|urls| urls.iter().find(|(h, _)| *h == hash).map(|(_, url)| url.clone()))
                            };
                            let meta = format!(" — {}, {}", type_label(&file.content_type), size_text(file.size));
                            let name = file.name.clone();
                            let for_button = file.clone();
                            view! {
                                <li data-file=file.hash.clone()>
                                    {move || match url() {
                                        Some(url) => view! {
                                            <a href=url target="_blank" rel="noopener" class="file-open">{name.clone()}</a>
                                        }
                                        .into_any(),
                                        None => {
                                            let file = for_button.clone();
                                            view! {
                                                <button type="button" class="link file-open" on:click=move |_| open(file.clone())>
                                                    {name.clone()}
                                                </button>
                                            }
                                            .into_any()
                                        }
                                    }}
                                    <span class="meta">{meta}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="offline-status no-print" role="status">
                {move || {
                    let status = kept.get();
                    match busy.get() {
                        Some((done, all)) => tr!("kit-offline-progress", { "done" => done, "total" => all }),
                        None if all_kept() => tr!("kit-offline-ready", { "size" => size_text(status.bytes_cached) }),
                        None => tr!("kit-offline-partial", {
                            "count" => status.files_cached,
                            "total" => files.with(Vec::len),
                            "size" => size_text(status.bytes_total),
                        }),
                    }
                }}
            </p>
            <Show when=move || !all_kept()>
                <button type="button" class="no-print" disabled=move || busy.get().is_some() on:click=keep_all>
                    {move_tr!("kit-offline-keep")}
                </button>
            </Show>
            <super::Problem problem=problem />
        </section>
    }
}

/// Adding a file to the kit being edited: checked here first (size, type),
/// then uploaded; `on_uploaded` gets its reference.
#[component]
pub fn Uploader(on_uploaded: Callback<FileRef>) -> impl IntoView {
    let sync = use_kits().sync;
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let chosen = move |_| {
        let Some(element) = input.get() else {
            return;
        };
        let Some(file) = element.files().and_then(|list| list.get(0)) else {
            return;
        };
        element.set_value("");
        let name = file.name();
        let size = file.size() as u64;
        // Refused before reading a byte when it is too large.
        if size > files::MAX_BYTES {
            problem.set(Some(FileError::TooLarge { size }.message(lang())));
            return;
        }
        sending.set(true);
        leptos::task::spawn_local(async move {
            let bytes = match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    sending.set(false);
                    problem.set(Some(tr!("kit-file-unreadable")));
                    return;
                }
            };
            // Checked again by `upload_file` (same rules and words as the server).
            let outcome = sync.upload_file(&bytes, &name).await;
            sending.set(false);
            match outcome {
                Ok(file) => {
                    problem.set(None);
                    on_uploaded.run(file);
                }
                Err(failure) => problem.set(Some(failure_text(&failure))),
            }
        });
    };
    view! {
        <label>
            {move_tr!("kit-file-add")}
            <input
                type="file"
                node_ref=input
                accept="application/pdf,image/png,image/jpeg,image/webp,image/gif,text/plain"
                disabled=move || sending.get()
                on:change=chosen
            />
        </label>
        <p class="hint">{move || tr!("kit-file-hint", { "limit" => size_text(files::MAX_BYTES) })}</p>
        <Show when=move || sending.get()>
            <p role="status">{move_tr!("kit-file-sending")}</p>
        </Show>
        <super::Problem problem=problem />
    }
}
