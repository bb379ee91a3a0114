using Ssocred.Platform.Windows;

namespace Ssocred.Tests.Platform.Windows;

/// <summary>
/// SPEC §9: a Windows cache folder that other accounts may write to is refused, as a
/// world-writable one is on Unix. The ACLs below are the ones Windows and Wine really produce.
/// </summary>
public class ForeignWritersTests
{
    private const string Me = "S-1-5-21-1004336348-1177238915-682003330-1001";
    private const string SomeoneElse = "S-1-5-21-1004336348-1177238915-682003330-1002";
    private const string Everyone = "S-1-1-0";
    private const string Users = "S-1-5-32-545";
    private const string AuthenticatedUsers = "S-1-5-11";

    private const int FullControl = 0x1F01FF;
    private const int ReadAndExecute = 0x1200A9;
    private const int Modify = 0x1301BF;
    private const int AddFile = 0x2;
    private const int AppendData = 0x4;
    private const int WriteDac = 0x40000;
    private const int GenericWrite = 0x40000000;

    [Test]
    public void A_profile_folder_as_windows_makes_it_is_private()
    {
        // %USERPROFILE% and what the AWS CLI creates inside it: SYSTEM, Administrators and the person.
        var writers = ForeignWriters.Find(Me, Me,
        [
            Allow(ForeignWriters.LocalSystem, FullControl),
            Allow(ForeignWriters.Administrators, FullControl),
            Allow(Me, FullControl),
        ]);

        Assert.That(writers, Is.Empty);
    }

    [Test]
    public void The_folder_ssocred_creates_is_private() =>
        Assert.That(ForeignWriters.Find(Me, Me, [Allow(Me, FullControl)]), Is.Empty);

    [TestCase(Everyone, Modify)]
    [TestCase(Users, AddFile)]
    [TestCase(AuthenticatedUsers, AppendData)]
    [TestCase(SomeoneElse, WriteDac)]
    [TestCase(Everyone, GenericWrite)]
    public void Write_access_for_another_account_or_group_is_refused(string sid, int rights)
    {
        var writers = ForeignWriters.Find(Me, Me, [Allow(Me, FullControl), Allow(sid, rights)]);

        Assert.That(writers, Is.EqualTo(new[] { sid }));
    }

    [Test]
    public void Read_access_for_others_is_allowed()
    {
        // What C:\Users\Public and a folder made under umask 022 in Wine look like: others read only.
        var writers = ForeignWriters.Find(Me, Me, [Allow(Me, FullControl), Allow(Users, ReadAndExecute), Allow(Everyone, ReadAndExecute)]);

        Assert.That(writers, Is.Empty);
    }

    [Test]
    public void An_inherit_only_entry_does_not_apply_to_the_folder_itself()
    {
        // C:\Users grants Users the right to create folders only in what is inside.
        var writers = ForeignWriters.Find(Me, Me, [Allow(Me, FullControl), new AccessEntry(Users, Allow: true, Modify, InheritOnly: true)]);

        Assert.That(writers, Is.Empty);
    }

    [Test]
    public void A_deny_entry_takes_the_same_accounts_write_access_away()
    {
        var writers = ForeignWriters.Find(Me, Me,
        [
            new AccessEntry(Users, Allow: false, AddFile | AppendData | WriteDac | 0x40 | 0x10000 | 0x80000 | GenericWrite | 0x10000000, InheritOnly: false),
            Allow(Me, FullControl),
            Allow(Users, Modify),
        ]);

        Assert.That(writers, Is.Empty);
    }

    [Test]
    public void A_deny_entry_for_another_account_does_not_cover_a_group()
    {
        var writers = ForeignWriters.Find(Me, Me, [new AccessEntry(SomeoneElse, Allow: false, FullControl, InheritOnly: false), Allow(Everyone, Modify)]);

        Assert.That(writers, Is.EqualTo(new[] { Everyone }));
    }

    [Test]
    public void A_folder_owned_by_another_account_is_refused_since_its_owner_may_rewrite_the_acl()
    {
        var writers = ForeignWriters.Find(SomeoneElse, Me, [Allow(Me, FullControl)]);

        Assert.That(writers, Is.EqualTo(new[] { SomeoneElse }));
    }

    [Test]
    public void Owner_rights_stand_for_the_owner()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ForeignWriters.Find(Me, Me, [Allow(Me, FullControl), Allow(ForeignWriters.OwnerRights, Modify)]), Is.Empty);
            Assert.That(ForeignWriters.Find(SomeoneElse, Me, [Allow(ForeignWriters.OwnerRights, Modify)]), Is.EqualTo(new[] { SomeoneElse }));
        });
    }

    [Test]
    public void Every_foreign_writer_is_named_once_in_acl_order()
    {
        var writers = ForeignWriters.Find(Me, Me, [Allow(Users, AddFile), Allow(Me, FullControl), Allow(Everyone, Modify), Allow(Users, WriteDac)]);

        Assert.That(writers, Is.EqualTo(new[] { Users, Everyone }));
    }

    private static AccessEntry Allow(string sid, int rights) => new(sid, Allow: true, rights, InheritOnly: false);
}
