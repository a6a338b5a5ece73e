package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ParticipantDirectoryTest extends AccountApiTest {

    @Autowired
    private ParticipantDirectory directory;

    private long userIn(String username, long deptId) {
        long id = data().user(username, false, false);
        setUserColumn(id, "dept_id", deptId);
        return id;
    }

    private void deleteDept(long deptId) {
        jdbc.sql("UPDATE account_loondept SET is_deleted = TRUE WHERE id = :id").param("id", deptId).update();
    }

    @Test
    void findsLiveUsersByNameIgnoringCaseAndById() {
        String name = TestData.unique("Find_Me");
        long id = data().user(name, false, true);
        ParticipantDirectory.AccountUser user = directory.findUser(name.toLowerCase()).orElseThrow();
        assertThat(user.id()).isEqualTo(id);
        assertThat(user.username()).isEqualTo(name);
        assertThat(user.workflowAdmin()).isTrue();
        assertThat(directory.findUser(id)).contains(user);

        setUserColumn(id, "is_active", false);
        assertThat(directory.findUser(name).orElseThrow().active()).isFalse();
        setUserColumn(id, "is_deleted", true);
        assertThat(directory.findUser(name)).isEmpty();
        assertThat(directory.findUser(id)).isEmpty();
        assertThat(directory.findUser("")).isEmpty();
        assertThat(directory.findUser((String) null)).isEmpty();
    }

    @Test
    void findUsersKeepsLiveOnesInIdOrder() {
        String a = TestData.unique("fu_a");
        String b = TestData.unique("fu_b");
        String gone = TestData.unique("fu_gone");
        data().user(a, false, false);
        data().user(b, false, false);
        setUserColumn(data().user(gone, false, false), "is_deleted", true);
        assertThat(directory.findUsers(List.of(b, "nobody_here", gone, a.toUpperCase(), "")))
                .extracting(ParticipantDirectory.AccountUser::username).containsExactly(a, b);
        assertThat(directory.findUsers(List.of())).isEmpty();
    }

    @Test
    void deptUsersIncludeDescendantsAndOnlyLiveActiveUsers() {
        long root = dept(TestData.unique("root"), 0, "", "");
        long child = dept(TestData.unique("child"), root, "", "");
        long grandChild = dept(TestData.unique("grand"), child, "", "");
        long deletedChild = dept(TestData.unique("deleted_child"), root, "", "");
        long underDeleted = dept(TestData.unique("under_deleted"), deletedChild, "", "");
        deleteDept(deletedChild);
        String inRoot = TestData.unique("in_root");
        userIn(inRoot, root);
        String inGrand = TestData.unique("in_grand");
        userIn(inGrand, grandChild);
        userIn(TestData.unique("in_deleted_child"), deletedChild);
        userIn(TestData.unique("under_deleted"), underDeleted);
        setUserColumn(userIn(TestData.unique("inactive"), child), "is_active", false);
        setUserColumn(userIn(TestData.unique("deleted"), child), "is_deleted", true);

        assertThat(directory.deptUsernames(String.valueOf(root))).containsExactly(inRoot, inGrand);
        assertThat(directory.deptUsernames(List.of(child))).containsExactly(inGrand);
        assertThat(directory.deptUsernames(String.valueOf(deletedChild))).isEmpty();
    }

    @Test
    void deptUsersOfSeveralDeptsSurviveAMissingLastDept() {
        long first = dept(TestData.unique("first"), 0, "", "");
        long second = dept(TestData.unique("second"), 0, "", "");
        long removed = dept(TestData.unique("removed"), 0, "", "");
        deleteDept(removed);
        String a = TestData.unique("a");
        userIn(a, first);
        String b = TestData.unique("b");
        userIn(b, second);

        // loonflow answered nothing when the last listed dept was missing or deleted
        assertThat(directory.deptUsernames(first + "," + second + ",987654321")).containsExactly(a, b);
        assertThat(directory.deptUsernames(" " + second + " ,, " + removed + "," + first)).containsExactly(a, b);
        assertThat(directory.deptUsernames("")).isEmpty();
        assertThatThrownBy(() -> directory.deptUsernames(first + ",x")).isInstanceOf(ApiException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void deptUsersAreSafeWithParentCycles() {
        long a = dept(TestData.unique("cyc_a"), 0, "", "");
        long b = dept(TestData.unique("cyc_b"), a, "", "");
        jdbc.sql("UPDATE account_loondept SET parent_dept_id = :b WHERE id = :a").param("a", a).param("b", b).update();
        String inA = TestData.unique("in_a");
        userIn(inA, a);
        String inB = TestData.unique("in_b");
        userIn(inB, b);
        assertThat(directory.deptUsernames(String.valueOf(a))).containsExactly(inA, inB);
        assertThat(directory.deptChain(inA)).containsExactly(a, b);
    }

    @Test
    void roleUsersAreLiveActiveMembersOfALiveRole() {
        long roleId = role(TestData.unique("role"), "");
        String active = TestData.unique("member");
        member(data().user(active, false, false), roleId);
        long inactive = data().user(TestData.unique("inactive_member"), false, false);
        member(inactive, roleId);
        setUserColumn(inactive, "is_active", false);
        long deleted = data().user(TestData.unique("deleted_member"), false, false);
        member(deleted, roleId);
        setUserColumn(deleted, "is_deleted", true);
        long left = data().user(TestData.unique("left_member"), false, false);
        member(left, roleId);
        jdbc.sql("UPDATE account_loonuserrole SET is_deleted = TRUE WHERE user_id = :u").param("u", left).update();

        assertThat(directory.roleUsernames(roleId)).containsExactly(active);
        jdbc.sql("UPDATE account_loonrole SET is_deleted = TRUE WHERE id = :id").param("id", roleId).update();
        assertThat(directory.roleUsernames(roleId)).isEmpty();
        assertThat(directory.roleUsernames(987654321L)).isEmpty();
    }

    @Test
    void creatorTeamLeaderPrefersLiveApproversThenTheLeader() {
        String leader = TestData.unique("Leader");
        data().user(leader, false, false);
        String approverA = TestData.unique("appr_a");
        data().user(approverA, false, false);
        String approverB = TestData.unique("appr_b");
        data().user(approverB, false, false);
        String gone = TestData.unique("appr_gone");
        setUserColumn(data().user(gone, false, false), "is_deleted", true);

        long withApprovers = dept(TestData.unique("d1"), 0, leader, approverB + ", " + gone + ",0," + approverA.toUpperCase());
        String creator = TestData.unique("creator");
        long creatorId = userIn(creator, withApprovers);
        assertThat(directory.creatorTeamLeaders(creator)).containsExactly(approverB, approverA);

        long leaderOnly = dept(TestData.unique("d2"), 0, leader.toLowerCase(), "");
        setUserColumn(creatorId, "dept_id", leaderOnly);
        assertThat(directory.creatorTeamLeaders(creator)).containsExactly(leader);

        // the SQL default approver '0' is not a user: the leader is used
        long defaultApprover = dept(TestData.unique("d3"), 0, leader, "0");
        setUserColumn(creatorId, "dept_id", defaultApprover);
        assertThat(directory.creatorTeamLeaders(creator)).containsExactly(leader);

        long nobody = dept(TestData.unique("d4"), 0, "", "0");
        setUserColumn(creatorId, "dept_id", nobody);
        assertThat(directory.creatorTeamLeaders(creator)).isEmpty();
    }

    @Test
    void creatorTeamLeaderOfADeletedOrMissingDeptIsNobody() {
        String leader = TestData.unique("lead");
        data().user(leader, false, false);
        long deptId = dept(TestData.unique("gone"), 0, leader, leader);
        String creator = TestData.unique("creator");
        long creatorId = userIn(creator, deptId);
        deleteDept(deptId);
        assertThat(directory.creatorTeamLeaders(creator)).isEmpty();
        setUserColumn(creatorId, "dept_id", 987654321L);
        assertThat(directory.creatorTeamLeaders(creator)).isEmpty();

        setUserColumn(creatorId, "is_deleted", true);
        assertThatThrownBy(() -> directory.creatorTeamLeaders(creator)).isInstanceOf(ApiException.class)
                .hasMessage("username: " + creator + " is not existed or has been deleted");
    }

    @Test
    void deptChainWalksUpToADeletedOrMissingDept() {
        long top = dept(TestData.unique("top"), 0, "", "");
        long middle = dept(TestData.unique("middle"), top, "", "");
        long bottom = dept(TestData.unique("bottom"), middle, "", "");
        String user = TestData.unique("chain_user");
        long userId = userIn(user, bottom);
        assertThat(directory.deptChain(user)).containsExactly(bottom, middle, top);

        deleteDept(middle);
        assertThat(directory.deptChain(user)).containsExactly(bottom);
        setUserColumn(userId, "dept_id", 0L);
        assertThat(directory.deptChain(user)).isEmpty();
        assertThatThrownBy(() -> directory.deptChain("no_such_user_y")).isInstanceOf(ApiException.class)
                .hasMessage("user is not existed or has been deleted");
    }

    @Test
    void roleIdsAreThoseOfLiveMembershipsInLiveRoles() {
        String user = TestData.unique("roles_of");
        long userId = data().user(user, false, false);
        long first = role(TestData.unique("r1"), "");
        long second = role(TestData.unique("r2"), "");
        long deletedRole = role(TestData.unique("r3"), "");
        long leftRole = role(TestData.unique("r4"), "");
        for (long roleId : new long[] {second, first, deletedRole, leftRole}) {
            member(userId, roleId);
        }
        jdbc.sql("UPDATE account_loonrole SET is_deleted = TRUE WHERE id = :id").param("id", deletedRole).update();
        jdbc.sql("UPDATE account_loonuserrole SET is_deleted = TRUE WHERE role_id = :r").param("r", leftRole).update();
        assertThat(directory.roleIds(user)).containsExactly(first, second);
        assertThatThrownBy(() -> directory.roleIds("no_such_user_z")).isInstanceOf(ApiException.class);
    }

    @Test
    void namesAndDetailsOfDeptsAndRoles() {
        String deptName = TestData.unique("named_dept");
        long deptId = dept(deptName, 0, plainUser, plainUser);
        String roleName = TestData.unique("named_role");
        long roleId = role(roleName, "");
        assertThat(directory.deptName(deptId)).contains(deptName);
        assertThat(directory.roleName(roleId)).contains(roleName);

        Map<String, Object> details = directory.deptDetails(deptId).orElseThrow();
        assertThat(details).containsEntry("name", deptName).containsEntry("is_deleted", false)
                .containsKeys("creator_info", "parent_dept_info", "leader_info", "approver_info");
        @SuppressWarnings("unchecked")
        Map<String, Object> leaderInfo = (Map<String, Object>) details.get("leader_info");
        assertThat(leaderInfo).containsEntry("leader_username", plainUser).containsEntry("leader_id", plainUserId);

        deleteDept(deptId);
        jdbc.sql("UPDATE account_loonrole SET is_deleted = TRUE WHERE id = :id").param("id", roleId).update();
        assertThat(directory.deptName(deptId)).isEmpty();
        assertThat(directory.roleName(roleId)).isEmpty();
        assertThat(directory.deptDetails(deptId).orElseThrow()).containsEntry("is_deleted", true);
        assertThat(directory.deptDetails(987654321L)).isEmpty();
    }
}
