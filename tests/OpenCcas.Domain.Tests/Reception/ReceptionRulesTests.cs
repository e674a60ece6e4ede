using System.Text;
using OpenCcas.Domain.Reception;
using Shouldly;
using Xunit;

namespace OpenCcas.Domain.Tests.Reception;

public sealed class AppointmentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void End_before_start_is_refused_in_French()
    {
        var errors = AppointmentRules.CheckSlot(Now.AddHours(2), Now.AddHours(1), Now, isNew: true).ToList();
        errors.ShouldContain(e => e.Field == "End" && e.Message.Contains("après son début"));
    }

    [Fact]
    public void A_new_appointment_in_the_past_is_refused_but_an_existing_one_may_be_kept()
    {
        AppointmentRules.CheckSlot(Now.AddDays(-1), Now.AddDays(-1).AddHours(1), Now, isNew: true)
            .ShouldContain(e => e.Field == "Start" && e.Message.Contains("passé"));
        AppointmentRules.CheckSlot(Now.AddDays(-1), Now.AddDays(-1).AddHours(1), Now, isNew: false).ShouldBeEmpty();
    }

    [Fact]
    public void More_than_four_hours_is_refused()
    {
        AppointmentRules.CheckSlot(Now.AddHours(1), Now.AddHours(5).AddMinutes(1), Now, true).ShouldContain(e => e.Message.Contains("4 heures"));
        AppointmentRules.CheckSlot(Now.AddHours(1), Now.AddHours(5), Now, true).ShouldBeEmpty();
    }

    [Fact]
    public void Overlap_ignores_cancelled_appointments_the_same_one_and_touching_slots()
    {
        var agent = Guid.NewGuid();
        var held = new Appointment { AgentId = agent, Start = Now.AddHours(1), End = Now.AddHours(2) };
        var cancelled = new Appointment { AgentId = agent, Start = Now.AddHours(3), End = Now.AddHours(4), Status = AppointmentStatus.Cancelled };
        var list = new[] { held, cancelled };
        AppointmentRules.Conflict(list, null, Now.AddHours(1.5), Now.AddHours(2.5)).ShouldBe(held);
        AppointmentRules.Conflict(list, null, Now.AddHours(2), Now.AddHours(3)).ShouldBeNull();
        AppointmentRules.Conflict(list, null, Now.AddHours(3), Now.AddHours(4)).ShouldBeNull();
        AppointmentRules.Conflict(list, held.Id, Now.AddHours(1), Now.AddHours(2)).ShouldBeNull();
        // 10:00–11:00 UTC is 11:00–12:00 in Paris in November.
        AppointmentRules.ConflictMessage(held).ShouldContain("le 23/11/2026 de 11h00 à 12h00");
    }

    [Theory]
    [InlineData("06 12 34 56 78", true, "+33612345678")]
    [InlineData("+33 7 12 34 56 78", true, "+33712345678")]
    [InlineData("07.12.34.56.78", true, "+33712345678")]
    [InlineData("03 80 12 34 56", false, "")]
    [InlineData("0612", false, "")]
    [InlineData(null, false, "")]
    public void Mobile_numbers(string? phone, bool mobile, string normalised)
    {
        ReminderRules.IsMobile(phone, out var n).ShouldBe(mobile);
        n.ShouldBe(normalised);
    }

    [Fact]
    public void A_reminder_is_due_once_within_the_lead_time_for_planned_appointments()
    {
        var lead = TimeSpan.FromHours(24);
        var a = new Appointment { Start = Now.AddHours(20), End = Now.AddHours(21) };
        ReminderRules.IsDue(a, Now, lead).ShouldBeTrue();
        ReminderRules.IsDue(new Appointment { Start = Now.AddHours(30), End = Now.AddHours(31) }, Now, lead).ShouldBeFalse();
        ReminderRules.IsDue(new Appointment { Start = Now.AddHours(2), End = Now.AddHours(3), Status = AppointmentStatus.Cancelled }, Now, lead).ShouldBeFalse();
        a.ReminderSentAt = Now;
        ReminderRules.IsDue(a, Now, lead).ShouldBeFalse();
    }

    [Fact]
    public void Paris_wall_clock_times_become_instants_across_daylight_saving()
    {
        ParisTime.ToInstant(new DateTime(2026, 7, 1, 9, 0, 0)).ShouldBe(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero));
        ParisTime.ToInstant(new DateTime(2026, 12, 1, 9, 0, 0)).ShouldBe(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_default_reasons_are_the_expected_list()
    {
        ReceptionDefaults.Reasons.Count.ShouldBe(10);
        ReceptionDefaults.Reasons.ShouldContain("Aide aux démarches");
        ReceptionDefaults.Reasons.Distinct().Count().ShouldBe(10);
    }
}

public sealed class IcsTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static string OneEvent(string summary, string? description = null) => Ics.Calendar(
        [new IcsEvent("abc@openccas", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.FromHours(1)), summary, "Site 1; rue A, Dijon", description, false, 2)],
        Stamp, "Agenda");

    [Fact]
    public void Lines_end_with_CRLF_and_the_calendar_has_the_required_properties_in_UTC()
    {
        var text = OneEvent("Rendez-vous");
        text.ShouldStartWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:");
        text.ShouldEndWith("END:VCALENDAR\r\n");
        text.Replace("\r\n", "").ShouldNotContain("\n");
        text.ShouldContain("\r\nUID:abc@openccas\r\n");
        text.ShouldContain("\r\nDTSTAMP:20261123T060000Z\r\n");
        text.ShouldContain("\r\nDTSTART:20261201T090000Z\r\n");
        text.ShouldContain("\r\nDTEND:20261201T100000Z\r\n");
        text.ShouldContain("\r\nSEQUENCE:2\r\n");
        text.ShouldContain("\r\nBEGIN:VEVENT\r\n");
    }

    [Fact]
    public void Text_values_are_escaped()
    {
        var text = OneEvent("A, B; C\\D", "ligne 1\nligne 2");
        text.ShouldContain("SUMMARY:A\\, B\\; C\\\\D\r\n");
        text.ShouldContain("LOCATION:Site 1\\; rue A\\, Dijon\r\n");
        text.ShouldContain("DESCRIPTION:ligne 1\\nligne 2\r\n");
    }

    [Fact]
    public void Long_lines_are_folded_at_75_octets_without_splitting_a_character()
    {
        var summary = string.Concat(Enumerable.Repeat("Élodie é ", 30));
        var text = OneEvent(summary);
        foreach (var line in text.Split("\r\n"))
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75);
        // Unfolding (removing CRLF + space) gives back the escaped value.
        text.Replace("\r\n ", "").ShouldContain("SUMMARY:" + Ics.Escape(summary) + "\r\n");
        text.ShouldNotContain("\uFFFD");
    }
}
