//! The not-found view: a clear message, a link home, and a title that says so.

use crate::head;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    head::set_title("페이지를 찾을 수 없습니다");
    view! {
        <section class="not-found">
            <h1>"페이지를 찾을 수 없습니다"</h1>
            <p>"주소가 바뀌었거나 삭제된 기사일 수 있습니다."</p>
            <p>
                <a href="/" class="button">"첫 화면으로 가기"</a>
            </p>
        </section>
    }
}
