from linli.outbound.choices import Event
from linli.outbound.models import Delivery, object_type


def make_delivery(obj, channel, recipient, body="测试", **fields):
    return Delivery.objects.create(
        event=fields.pop("event", Event.TEST), object_type=object_type(obj),
        object_id=fields.pop("object_id", obj.pk),
        channel=channel, recipient=recipient, body=body, **fields,
    )  # fmt: skip
