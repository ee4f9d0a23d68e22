"""Organisations (tenants), their units, people, roles and management groups."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from organisations.validators import one_line


class Sector(models.TextChoices):
    PUBLIC = "public", _("Offentlig sektor")
    FINANCIAL = "financial", _("Finansiel sektor")


class Organisation(models.Model):
    name = models.CharField(_("navn"), max_length=200, validators=[one_line])
    slug = models.SlugField(_("kort navn"), unique=True)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector, default=Sector.PUBLIC)
    anonymity_k = models.PositiveSmallIntegerField(
        _("mindste antal svar bag et samlet tal"),
        default=settings.MIN_ANONYMITY_K,
        validators=[MinValueValidator(settings.MIN_ANONYMITY_K)],
        help_text=_("Grupper ser kun samlede tal, når mindst så mange har svaret. Mindst 3."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity_k__gte=settings.MIN_ANONYMITY_K),
                name="organisation_anonymity_k_at_least_minimum",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A part of the organisation. Units form a tree through `parent`."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("navn"), max_length=200, validators=[one_line])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet enhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "parent", "name"], name="unit_unique_name_per_parent"
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(parent__isnull=True),
                name="unit_unique_top_level_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Unit]:
        """From the top of the tree down to the parent (one query per level)."""
        chain: list[Unit] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def path(self) -> str:
        return " / ".join([u.name for u in self.ancestors()] + [self.name])


class Role(models.TextChoices):
    """The method's five roles, an informal leadership role, and the administrator."""

    TOP_MANAGEMENT = "top_management", _("Topledelsen")
    HR = "hr", _("HR og interne konsulenter")
    COOPERATION = "cooperation", _("MED eller SU & AMO")
    LEADER_OF_LEADERS = "leader_of_leaders", _("Ledere af ledere")
    LEADER_OF_EMPLOYEES = "leader_of_employees", _("Ledere af medarbejdere")
    INFORMAL_LEADER = "informal_leader", _("Uformel leder (fx teamkoordinator)")
    ORG_ADMIN = "org_admin", _("Organisationsadministrator")


LEADER_ROLES = frozenset({Role.LEADER_OF_LEADERS, Role.LEADER_OF_EMPLOYEES})


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> Person:
        if not email:
            raise ValueError("A person needs an e-mail address.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            person.set_password(password)
        else:
            person.set_unusable_password()
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **fields) -> Person:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("name", email)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> Person:
        # No address is longer than a mail address can be; a longer one is nobody's, and
        # SQLite cannot even compare a pattern of 60,000 characters.
        if not username or len(username) > self.model._meta.get_field("email").max_length:
            raise self.model.DoesNotExist
        return self.get(email__iexact=username)


class Person(AbstractBaseUser, PermissionsMixin):
    """Someone who logs in with their e-mail address, in exactly one organisation.

    Platform operators (Django superusers) have no organisation.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="people", null=True, blank=True
    )
    email = models.EmailField(_("e-mailadresse"), unique=True)
    name = models.CharField(_("navn"), max_length=200, validators=[one_line])
    title = models.CharField(_("stilling"), max_length=200, blank=True, validators=[one_line])
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("nærmeste leder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    language = models.CharField(
        _("sprog"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    reminder_frequency = models.CharField(
        _("Påmindelser på e-mail"),
        max_length=10,
        choices=[
            ("daily", _("Hver dag")),
            ("weekly", _("Hver uge")),
            ("off", _("Aldrig")),
        ],
        default="weekly",
        help_text=_("En samlet mail om det, der forfalder, på dit eget sprog."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    invited_at = models.DateTimeField(_("inviteret"), null=True, blank=True)
    # An address someone else asked to move this person's login to; it takes effect only
    # when the person confirms it from their current address.
    pending_email = models.EmailField(_("ny e-mailadresse, ikke bekræftet"), blank=True)
    # The person asked to have their data erased (GDPR art. 17); HR carries it out.
    erasure_requested_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    # Someone other than whoever typed the person in stands behind their being real: the
    # organisation's HR system (the file or SCIM), or a MED/SU representative. Until
    # then the person's answers never count toward k, so nobody can make up people to
    # reach k around one real answer (issue 22, path 7).
    vouched_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    vouched_via = models.CharField(max_length=20, blank=True)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["name"]
        # HR's people list: one organisation's people in name order, a page at a time.
        indexes = [models.Index(fields=["organisation", "name", "id"], name="person_org_name")]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def has_signed_in(self) -> bool:
        """The account is the person's own: they chose a password or have logged in."""
        return self.last_login is not None or self.has_usable_password()

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @cached_property
    def assigned_roles(self) -> frozenset[str]:
        return frozenset(a.role for a in self.role_assignments.all())

    @cached_property
    def roles(self) -> frozenset[str]:
        """Assigned roles, plus "leader of leaders" when a leader reports to this person.

        Informal leaders (team coordinators) do not make their manager a leader of
        leaders; people with reports of their own do, whatever their assigned roles.
        """
        roles = set(self.assigned_roles)
        if Role.LEADER_OF_LEADERS not in roles and self.pk and self.manages_leaders():
            roles.add(Role.LEADER_OF_LEADERS)
        return frozenset(roles)

    def manages_leaders(self) -> bool:
        return (
            Person.objects.filter(manager=self, is_active=True)
            .filter(
                models.Q(role_assignments__role__in=LEADER_ROLES) | models.Q(reports__isnull=False)
            )
            .exists()
        )

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def access_status(self) -> str:
        """Where the person is on the way into the product, as HR needs to know it."""
        if not self.is_active:
            return _("Ikke aktiv")
        if self.last_login:
            return _("Har logget ind")
        if self.has_usable_password():
            return _("Kan logge ind")
        if self.invited_at:
            return _("Inviteret, har ikke logget ind endnu")
        return _("Ikke inviteret")

    @property
    def role_labels(self) -> list[str]:
        return [role.label for role in Role if role in self.roles]

    @property
    def is_leader(self) -> bool:
        return bool(self.roles & {*LEADER_ROLES, Role.INFORMAL_LEADER})

    @property
    def has_logged_in(self) -> bool:
        return self.last_login is not None

    @property
    def is_vouched(self) -> bool:
        return self.vouched_at is not None


class RoleAssignment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rolle"), max_length=32, choices=Role)

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        constraints = [
            models.UniqueConstraint(fields=["person", "role"], name="role_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"


class ManagementGroup(models.Model):
    """A management group (ledelsesgruppe) with its members and the leader who runs it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="management_groups"
    )
    name = models.CharField(_("navn"), max_length=200, validators=[one_line])
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="management_groups",
    )
    leader = models.ForeignKey(
        Person,
        verbose_name=_("leder af gruppen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
    )
    members = models.ManyToManyField(
        Person,
        verbose_name=_("medlemmer"),
        through="GroupMembership",
        related_name="management_groups",
        blank=True,
    )

    class Meta:
        verbose_name = _("ledelsesgruppe")
        verbose_name_plural = _("ledelsesgrupper")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    group = models.ForeignKey(ManagementGroup, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    # The group sees who joined and when; unknown for members from before it was kept.
    joined_at = models.DateTimeField(default=timezone.now, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="group_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} i {self.group}"


class PendingImport(models.Model):
    """An uploaded file that HR has checked and not yet confirmed.

    Kept here, not in the session: a large organisation's file is megabytes, and the
    session is read on every request. The person who uploaded it confirms it; the
    worker removes what is left after a day.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    uploaded_by = models.ForeignKey(Person, on_delete=models.CASCADE)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename


class OperatorRequest(models.Model):
    """What a platform operator asks to add to an organisation that has an
    administrator: a new person, or roles for a person. Nothing changes until one of
    the organisation's administrators approves it in the product; both steps are in the
    audit log, and the administrators are told by mail."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="operator_requests"
    )
    requested_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    # Roles for someone already in the organisation; empty for a new person.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("e-mailadresse"), blank=True)
    name = models.CharField(_("navn"), max_length=200, blank=True, validators=[one_line])
    roles = models.JSONField(_("roller"), default=list, blank=True)
    reason = models.CharField(
        _("hvorfor"),
        max_length=300,
        validators=[one_line],
        help_text=_("Fx sagsnummeret hos driften og hvem i organisationen, der bad om det."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("anmodning fra driften")
        verbose_name_plural = _("anmodninger fra driften")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.email or self.person_id}"

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.roles if role in Role.values]
