"""Who sees which reports in the Wagtail admin: the Secretariat all, coordinators their groups' ones."""

from wagtail.permission_policies import ModelPermissionPolicy

READ_ACTIONS = {"view", "change"}


def coordinated_group_ids(user):
    """Ids of the groups (first-created pages) `user` coordinates."""
    if not user.is_authenticated:
        return set()
    # The person's memberships (groups.GroupMembership) through their `user` relation.
    return set(user.group_memberships.coordinators().values_list("group_id", flat=True))


class ReportPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (the Secretariat), plus view/change of reports about posts in one's own groups."""

    def _coordinates(self, user):
        return bool(coordinated_group_ids(user))

    def _model_permission(self, user, actions):
        """The plain model permissions (the Secretariat's), without the coordinators' extension."""
        return any(super(ReportPermissionPolicy, self).user_has_permission(user, action) for action in actions)

    def user_has_permission(self, user, action):
        return self._model_permission(user, [action]) or (action in READ_ACTIONS and self._coordinates(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._model_permission(user, [action]):
            return True
        # Coordinators handle reports of posts in their groups; reports of member updates are the Secretariat's.
        return (action in READ_ACTIONS and instance.post_id is not None
                and instance.post.thread.group_id in coordinated_group_ids(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if self._model_permission(user, actions):
            return queryset
        if not set(actions) & READ_ACTIONS:
            return queryset.none()
        return queryset.filter(post__thread__group_id__in=coordinated_group_ids(user))
