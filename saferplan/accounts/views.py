from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.partnerships.access import partnership_for

from . import services, sign_in_limits
from .forms import (
    MembershipChangeForm,
    MembershipForm,
    PasswordResetForm,
    SetPasswordForm,
    SignInForm,
)
from .models import Membership
from .permissions import membership_policy
from .selectors import landing_url, memberships_for_user, partnership_members


@require_GET
def home(request):
    """The start page, where signing in leads: signed out, what saferplan is, and sign in;
    signed in, the page of the person's role in the partnership they work in (landing_url),
    or their partnerships. Named core:home (see saferplan/urls.py)."""
    if not request.user.is_authenticated:
        return render(request, "accounts/landing.html")
    landing = landing_url(request=request)
    if landing:
        return redirect(landing)
    return my_partnerships(request)


@login_required
@require_GET
def my_partnerships(request):
    return render(
        request, "accounts/home.html", {"memberships": memberships_for_user(user=request.user)}
    )


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "sso_enabled": settings.SAFERPLAN_SSO_ENABLED,
            "sso_name": settings.SAFERPLAN_SSO_NAME,
        }

    def post(self, request, *args, **kwargs):
        # Before the password is even checked: a paused account tells nothing about it.
        email = request.POST.get("username", "").strip().lower()
        if email and sign_in_limits.sign_in_paused(request, email):
            services.account_unlock_link_send(
                email=email, base_url=request.build_absolute_uri("/").rstrip("/")
            )
            return render(request, "accounts/sign_in_paused.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        sign_in_limits.remember_browser(self.request, response, form.get_user().email)
        return response


@require_GET
def unlock(request, token):
    """The emailed link: this browser may sign in to the account while sign-in from new
    browsers is paused (saferplan.accounts.sign_in_limits)."""
    email = sign_in_limits.unlocked_email(token)
    if email is None:
        return render(request, "accounts/unlock_expired.html", status=400)
    messages.success(request, _("You can now sign in from this browser."))
    response = redirect("accounts:sign-in")
    sign_in_limits.remember_browser(request, response, email)
    return response


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)  # saves the new password
        services.user_password_reset_done(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
@require_POST
def switch_partnership(request):
    slug = request.POST.get("partnership", "")
    for membership in memberships_for_user(user=request.user):
        if membership.partnership.slug == slug:
            request.session["current_partnership"] = slug
            return redirect(membership.partnership)
    raise Http404(_("You are not a member of that partnership."))


@login_required
@require_GET
def member_list(request, slug):
    partnership = partnership_for(request, slug, "view")
    return render(
        request,
        "accounts/member_list.html",
        {
            "partnership": partnership,
            "members": partnership_members(partnership=partnership),
            "may_change": membership_policy.user_has_permission_for_instance(
                request.user, "change", Membership(partnership=partnership)
            ),
        },
    )


@login_required
def member_add(request, slug):
    partnership = partnership_for(request, slug, "manage")
    form = MembershipForm(request.POST or None, partnership=partnership)
    membership = save_form(
        request,
        form,
        lambda data: services.membership_add(
            actor=request.user,
            partnership=partnership,
            base_url=request.build_absolute_uri("/").rstrip("/"),
            **data,
        ),
    )
    if membership is not NOT_SAVED:
        messages.success(
            request,
            _("%(user)s is now a %(role)s of %(partnership)s.")
            % {
                "user": membership.user,
                "role": membership.get_role_display().lower(),
                "partnership": partnership,
            },
        )
        return redirect("partnerships:members", slug=partnership.slug)
    return render(request, "accounts/member_form.html", {"partnership": partnership, "form": form})


@login_required
def member_change(request, slug, pk):
    partnership = partnership_for(request, slug, "manage")
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, partnership=partnership
    )
    form = MembershipChangeForm(
        request.POST or None,
        partnership=partnership,
        initial={"role": membership.role, "organisation": membership.organisation},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.membership_change(actor=request.user, membership=membership, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(
            request, _("%(user)s's role has been changed.") % {"user": membership.user}
        )
        return redirect("partnerships:members", slug=partnership.slug)
    return render(
        request,
        "accounts/member_change.html",
        {"partnership": partnership, "membership": membership, "form": form},
    )


@login_required
def member_remove(request, slug, pk):
    partnership = partnership_for(request, slug, "manage")
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, partnership=partnership
    )
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(actor=request.user, membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request,
                _("%(user)s has been removed from %(partnership)s.")
                % {"user": membership.user, "partnership": partnership},
            )
            return redirect("partnerships:members", slug=partnership.slug)
    return render(
        request,
        "accounts/member_remove.html",
        {"partnership": partnership, "membership": membership, "error": error},
    )
