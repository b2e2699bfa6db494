//! The not-found view: a clear message, a link home, and a title that says so.

use crate::components::site_head::{PageTitle, SiteHead};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle text="페이지를 찾을 수 없습니다" />
        <SiteHead canonical=false />
        <section class="not-found">
            <h1>"페이지를 찾을 수 없습니다"</h1>
            <p>"주소가 바뀌었거나 삭제된 기사일 수 있습니다."</p>
            <p>
                <A href="/" attr:class="button">
                    "첫 화면으로 가기"
                </A>
            </p>
        </section>
    }
}
