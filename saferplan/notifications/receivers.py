"""What the notifications app does when other apps announce a change (connected in
NotificationsConfig.ready), so those apps never import it."""

from .services import notify_action_changed


def on_action_changed(sender, *, action, actor, update=None, rag_change=None, **kwargs) -> None:
    notify_action_changed(action=action, actor=actor, update=update, rag_change=rag_change)
