from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations import importer
from organisations.models import Organisation


class Command(BaseCommand):
    help = "Imports people, units, reporting lines, roles and groups from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's short name (slug)")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")

    def handle(self, *args, organisation, file, dry_run, **options):
        try:
            org = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist as error:
            raise CommandError(f"Ukendt organisation: {organisation}") from error
        try:
            parsed = importer.parse(file.read_bytes(), file.name)
        except (OSError, importer.ImportFileError) as error:
            raise CommandError(str(error)) from error
        plan = importer.plan(org, parsed)
        for error in plan.errors:
            self.stderr.write(f"Række {error.row}: {error.message}")
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} fejl. Intet er gemt.")
        for person in plan.missing:
            self.stdout.write(f"Står ikke i filen (ikke slettet): {person.name} <{person.email}>")
        if dry_run:
            self.stdout.write(
                f"Kontrolleret: {plan.created} nye, {plan.updated} ændres, "
                f"{plan.unchanged} uændrede. Intet er gemt."
            )
            return
        result = importer.apply(org, plan)
        self.stdout.write(
            self.style.SUCCESS(
                "Importeret: {created} nye, {updated} ændret, {unchanged} uændrede.".format(
                    **result
                )
            )
        )
