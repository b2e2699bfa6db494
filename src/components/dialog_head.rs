//! The heading row of a modal dialog: its title (which labels the dialog)
//! and a 닫기 button that closes it the native way.

use leptos::prelude::*;

#[component]
pub fn DialogHead(
    /// Class prefix of the dialog (`station-table` gives `station-table__head`).
    block: &'static str,
    /// Id of the heading, for the dialog's `aria-labelledby`.
    title_id: &'static str,
    title: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("{block}__head")>
            <h2 id=title_id>{title}</h2>
            <form method="dialog">
                <button type="submit" class="button">
                    "닫기"
                </button>
            </form>
        </div>
    }
}
