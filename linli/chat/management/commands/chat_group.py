"""`linli chat_group EXTERNAL_ID NAME --community ID [--building ID]`: link a chat
group and print its bot's token, once. Run again for the same EXTERNAL_ID to
give the bot a new token (the old one stops working) or to move the group."""

from django.core.management.base import BaseCommand, CommandError

from linli.chat.models import ChatGroup
from linli.community.models import Building, Community


class Command(BaseCommand):
    help = "Link a chat group to a community (or building) and print its bot token."

    def add_arguments(self, parser):
        parser.add_argument("external_id", help="The group's id, as its bot sends it.")
        parser.add_argument("name")
        parser.add_argument("--community", type=int, required=True)
        parser.add_argument("--building", type=int)

    def handle(self, external_id, name, community, building, **options):
        try:
            community = Community.objects.get(pk=community)
            building = (
                Building.objects.get(pk=building, compound__community=community)
                if building
                else None
            )
        except (Community.DoesNotExist, Building.DoesNotExist):
            raise CommandError("No such community, or the building is not in it.") from None
        group = ChatGroup.objects.filter(external_id=external_id).first() or ChatGroup(
            external_id=external_id
        )
        group.name, group.community, group.building, group.active = name, community, building, True
        secret = group.new_token()
        group.save()
        self.stderr.write(f"Group {name!r} linked. Its bot token, shown only now:")
        self.stdout.write(secret)
