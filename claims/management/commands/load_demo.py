from django.core.management.base import BaseCommand

from claims.demo import DEMO_PASSWORD, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Load the Aleppo offensive demo story (sources, document, events, claims, demo accounts)."

    def handle(self, *args, **options):
        result = demo_load()
        if result.total:
            made = ", ".join(f"{count} {kind}" for kind, count in sorted(result.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {made}."))
        else:
            self.stdout.write("Demo data already present; nothing new was created.")
        accounts = ", ".join(DEMO_USERS)
        self.stdout.write(f"Demo accounts ({accounts}) use the password '{DEMO_PASSWORD}'.")
