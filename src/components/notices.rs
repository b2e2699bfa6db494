//! The popup notice layer and the notice centre.

use leptos::prelude::*;

/// Loads the notices once per page view and shares them with the header
/// button and the layer.
pub fn provide_notices() {}

/// The header button "팝업레이어 알림" with its count badge.
#[component]
pub fn NoticeCentreButton() -> impl IntoView {}

/// The modal layer showing active, unsnoozed notices one at a time.
#[component]
pub fn NoticeLayer() -> impl IntoView {}
