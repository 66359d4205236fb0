"""A partnership beside every other of the installation and beside its most similar peers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import categories
from .. import peers as peer_selectors
from .common import crime_context, crime_partnership, period_asked


@login_required
@require_GET
def peers(request, slug):
    partnership = crime_partnership(request, slug)
    form, period = period_asked(request, partnership)
    figures = peer_selectors.peers(partnership, period) if period else None
    beside = [figures.subject, *figures.similar] if figures and figures.similar else []
    return render(
        request,
        "crimedata/peers.html",
        crime_context(
            request,
            partnership,
            form=form,
            period=period,
            figures=figures,
            beside=beside,
            # category → the rate of the partnership and of each of its most similar peers
            rates=[
                (categories.label(key), [row.rate(key) for row in beside])
                for key in (figures.keys if beside and figures else [])
            ],
        ),
    )
