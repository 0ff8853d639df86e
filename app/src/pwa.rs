//! The installable, offline app: service worker registration and updates,
//! persistent storage, the install prompt.
//!
//! The service worker (`/sw.js`, generated at build time) keeps the app
//! available offline. A new version installs in the background and waits;
//! the app then offers "reload" and never reloads by itself, so nobody loses
//! what they were typing.

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Storage this browser gives the app.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageUse {
    /// Bytes used by the app (IndexedDB, caches).
    pub used: f64,
    /// Bytes the browser would let it use.
    pub quota: f64,
    /// Whether the browser promised not to evict the data under storage pressure.
    pub persisted: bool,
}

/// PWA state shared with the views.
#[derive(Clone, Copy)]
pub struct Pwa {
    /// A new version is installed and waiting for a reload.
    pub update_ready: RwSignal<bool>,
    /// The browser offered to install the app.
    pub can_install: RwSignal<bool>,
    install_event: StoredValue<Option<JsValue>, LocalStorage>,
}

/// The PWA state provided by [`Pwa::provide`].
#[must_use]
pub fn use_pwa() -> Pwa {
    expect_context::<Pwa>()
}

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

fn call0(target: &JsValue, name: &str) -> Option<JsValue> {
    let function = get(target, name)?.dyn_into::<Function>().ok()?;
    function.call0(target).ok()
}

fn listen(target: &JsValue, event: &str, handler: impl FnMut(JsValue) + 'static) {
    let Some(add) = get(target, "addEventListener").and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return;
    };
    let closure = Closure::<dyn FnMut(JsValue)>::new(handler);
    let _ = add.call2(
        target,
        &JsValue::from_str(event),
        closure.as_ref().unchecked_ref(),
    );
    closure.forget();
}

impl Pwa {
    /// Registers the service worker, watches for updates and the install prompt.
    pub fn provide() -> Pwa {
        let pwa = Pwa {
            update_ready: RwSignal::new(false),
            can_install: RwSignal::new(false),
            install_event: StoredValue::new_local(None),
        };
        provide_context(pwa);
        let window: JsValue = window().into();
        listen(&window, "beforeinstallprompt", move |event| {
            let _ = call0(&event, "preventDefault");
            pwa.install_event.set_value(Some(event));
            pwa.can_install.set(true);
        });
        listen(&window, "appinstalled", move |_| pwa.can_install.set(false));
        leptos::task::spawn_local(async move { pwa.register().await });
        pwa
    }

    async fn register(self) {
        let navigator: JsValue = window().navigator().into();
        let Some(container) = get(&navigator, "serviceWorker") else {
            // No service workers (old browser, insecure origin): the app stays online-only.
            return;
        };
        let Some(promise) = call_with(&container, "register", "/sw.js") else {
            return;
        };
        let Ok(registration) = JsFuture::from(promise).await else {
            return;
        };
        let has_controller = move || get(&container_of(), "controller").is_some();
        // A version already waiting (installed while the app was closed).
        if get(&registration, "waiting").is_some() && has_controller() {
            self.update_ready.set(true);
        }
        let watched = registration.clone();
        listen(&registration, "updatefound", move |_| {
            let Some(worker) = get(&watched, "installing") else {
                return;
            };
            let observed = worker.clone();
            listen(&worker, "statechange", move |_| {
                let installed = get(&observed, "state")
                    .and_then(|state| state.as_string())
                    .as_deref()
                    == Some("installed");
                // With no controller this is the first install, not an update.
                if installed && has_controller() {
                    self.update_ready.set(true);
                }
            });
        });
        // Look for a new version now and then (and when the app comes back online).
        let checked = registration.clone();
        let check = move || {
            let _ = call0(&checked, "update");
        };
        let every_hour = gloo::timers::callback::Interval::new(60 * 60 * 1000, check.clone());
        every_hour.forget();
        let on_line = window_event_listener(leptos::ev::online, move |_| check());
        std::mem::forget(on_line);
    }

    /// Switches to the waiting version and reloads once it has taken over.
    pub fn apply_update(&self) {
        let container = container_of();
        listen(&container, "controllerchange", move |_| {
            let _ = window().location().reload();
        });
        leptos::task::spawn_local(async move {
            let Some(promise) = get(&container, "getRegistration")
                .and_then(|f| f.dyn_into::<Function>().ok())
                .and_then(|f| f.call0(&container).ok())
            else {
                return;
            };
            let Ok(registration) = JsFuture::from(Promise::from(promise)).await else {
                return;
            };
            if let Some(waiting) = get(&registration, "waiting") {
                let _ = call_with(&waiting, "postMessage", "skip-waiting");
            }
        });
    }

    /// Shows the browser's install dialog, if it offered one.
    pub fn install(&self) {
        if let Some(event) = self.install_event.get_value() {
            let _ = call0(&event, "prompt");
            self.install_event.set_value(None);
            self.can_install.set(false);
        }
    }
}

fn container_of() -> JsValue {
    let navigator: JsValue = window().navigator().into();
    get(&navigator, "serviceWorker").unwrap_or(JsValue::UNDEFINED)
}

fn call_with(target: &JsValue, name: &str, argument: &str) -> Option<Promise> {
    let function = get(target, name)?.dyn_into::<Function>().ok()?;
    let result = function.call1(target, &JsValue::from_str(argument)).ok()?;
    Some(Promise::resolve(&result))
}

/// Asks the browser to keep this device's data even under storage pressure
/// (after joining a collective: the data is now worth keeping).
pub async fn persist_storage() -> bool {
    let navigator: JsValue = window().navigator().into();
    let Some(storage) = get(&navigator, "storage") else {
        return false;
    };
    let Some(promise) = call0(&storage, "persist").map(Promise::from) else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}

/// How much storage the app uses and may use, if the browser says.
pub async fn storage_use() -> Option<StorageUse> {
    let navigator: JsValue = window().navigator().into();
    let storage = get(&navigator, "storage")?;
    let estimate = JsFuture::from(Promise::from(call0(&storage, "estimate")?))
        .await
        .ok()?;
    let persisted = match call0(&storage, "persisted") {
        Some(promise) => JsFuture::from(Promise::from(promise))
            .await
            .ok()
            .and_then(|value| value.as_bool())
            .unwrap_or(false),
        None => false,
    };
    Some(StorageUse {
        used: get(&estimate, "usage")?.as_f64()?,
        quota: get(&estimate, "quota")?.as_f64()?,
        persisted,
    })
}
