//! The smallest app that uses the stack the way the reader must: a
//! `leptos_router` router with a list page and an article route with a typed
//! parameter, `<A>` links, `leptos_meta` head tags, one JSON document fetched
//! with `gloo-net` and read with `serde` through the engine's `JSON.parse`
//! (`serde-wasm-bindgen`), a `LocalResource` under `<Suspense>`, a keyed
//! `<For>`, a button with a signal, and hydration of a server-rendered page.
//! Built like the app (release profile, std from source, wasm-opt `-Oz`),
//! its wasm is what the stack costs before any of the reader's own code.

#[cfg(target_arch = "wasm32")]
mod app {
    use leptos::prelude::*;
    use leptos_meta::{provide_meta_context, Meta, Title};
    use leptos_router::{
        components::{FlatRoutes, Route, Router, A},
        hooks::use_params_map,
        path,
    };
    use serde::Deserialize;

    #[derive(Clone, Deserialize)]
    struct Item {
        id: String,
        title: String,
    }

    #[derive(Deserialize)]
    struct List {
        articles: Vec<Item>,
    }

    async fn load() -> Result<Vec<Item>, String> {
        let response = gloo_net::http::Request::get("/api/articles.json")
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let text = response.text().await.map_err(|e| e.to_string())?;
        let value = js_sys::JSON::parse(&text).map_err(|_| "JSON".to_string())?;
        serde_wasm_bindgen::from_value::<List>(value)
            .map(|l| l.articles)
            .map_err(|e| e.to_string())
    }

    #[component]
    fn Home() -> impl IntoView {
        let list = LocalResource::new(load);
        view! {
            <Title text="최신 기사" />
            <Suspense fallback=|| view! { <p>"불러오는 중"</p> }>
                {move || list.get().map(|r| match r {
                    Ok(items) => view! {
                        <ul>
                            <For each=move || items.clone() key=|i| i.id.clone() let(i)>
                                <li><A href=format!("/article/{}", i.id)>{i.title}</A></li>
                            </For>
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            </Suspense>
        }
    }

    #[component]
    fn Article() -> impl IntoView {
        let params = use_params_map();
        let id = move || params.with(|p| p.get("id").unwrap_or_default());
        let size = RwSignal::new(1u8);
        view! {
            <Title text=id />
            <Meta property="og:title" content=id />
            <h1>{id}</h1>
            <button type="button" on:click=move |_| size.update(|s| *s = *s % 3 + 1)>
                {move || format!("글자 크기 {}", size.get())}
            </button>
        }
    }

    #[component]
    fn App() -> impl IntoView {
        provide_meta_context();
        view! {
            <Router>
                <main>
                    <FlatRoutes fallback=|| "없음">
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/article/:id") view=Article />
                    </FlatRoutes>
                </main>
            </Router>
        }
    }

    #[wasm_bindgen::prelude::wasm_bindgen(start)]
    pub fn start() {
        leptos::mount::hydrate_body(App);
    }
}
