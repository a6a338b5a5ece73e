package io.loonflow.bpmn.definition;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.account.AccountDirectory.UserFlags;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Paging;
import io.loonflow.bpmn.api.Rules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notification hooks (§2.23). Super admins manage them; workflow admins may list them (to attach them to their
 * workflows — loonflow refused them the list) but see the hook token only masked.
 */
@Service
class CustomNoticeService {

    static final String NOT_FOUND = "the record is not exist or has been deleted";
    /** What everyone but a super admin sees instead of a hook token (the ticket API's mask for hook secrets). */
    static final String MASK = "***";

    private static final BodySchema SCHEMA = BodySchema.strict()
            .required("name", Rules.nonEmptyText(50, "name is needed"))
            .required("hook_url", Rules.nonEmptyText(1000, "hook_url is needed"))
            .required("hook_token", Rules.nonEmptyText(100, "hook_token is needed"))
            .optional("description", Rules.text(100));

    private final CustomNoticeRepository notices;
    private final AccountDirectory accounts;
    private final Clock clock;

    CustomNoticeService(CustomNoticeRepository notices, AccountDirectory accounts, Clock clock) {
        this.notices = notices;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, String searchValue, Paging paging) {
        UserFlags user = accounts.requireWorkflowAdminFlag(caller);
        String search = WorkflowSqlLike.normalise(searchValue);
        long total = notices.countActive(search);
        List<Map<String, Object>> items = new ArrayList<>();
        for (CustomNotice notice : notices.pageActive(search, paging.perPage(), paging.offset(total))) {
            items.add(item(notice, user.admin()));
        }
        return paging.result(items, total);
    }

    /** POST: loonflow answers {@code data: {}} without the new id; so do we. */
    @Transactional
    public void create(Caller caller, String rawBody) {
        Input input = parse(rawBody);
        UserFlags user = accounts.requireSuperAdmin(caller);
        notices.insert(input.name(), input.description(), input.hookUrl(), input.hookToken(), user.username(), now());
    }

    @Transactional
    public void update(Caller caller, long id, String rawBody) {
        Input input = parse(rawBody);
        accounts.requireSuperAdmin(caller);
        if (!notices.update(id, input.name(), input.description(), input.hookUrl(), input.hookToken(), now())) {
            throw new ApiException(NOT_FOUND);
        }
    }

    @Transactional
    public void delete(Caller caller, long id) {
        accounts.requireSuperAdmin(caller);
        if (!notices.softDelete(id, now())) {
            throw new ApiException(NOT_FOUND);
        }
    }

    private record Input(String name, String description, String hookUrl, String hookToken) {
    }

    private static Input parse(String rawBody) {
        JsonBody body = SCHEMA.validate(rawBody);
        String url = body.text("hook_url", "");
        requireHttpUrl(url);
        return new Input(body.text("name", ""), body.text("description", ""), url, body.text("hook_token", ""));
    }

    /** The notice task POSTs to this URL, so it must be an absolute http(s) URL with a host. */
    static void requireHttpUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("hook_url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.invalidParameter("hook_url must be an http:// or https:// URL with a host");
        }
    }

    private static Map<String, Object> item(CustomNotice n, boolean superAdmin) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", n.id());
        item.put("creator", n.creator());
        item.put("gmt_created", ApiTime.format(n.gmtCreated()));
        item.put("gmt_modified", ApiTime.format(n.gmtModified()));
        item.put("is_deleted", n.deleted());
        item.put("name", n.name());
        item.put("description", n.description());
        item.put("hook_url", n.hookUrl());
        String token = n.hookToken();
        item.put("hook_token", superAdmin || token == null || token.isEmpty() ? token : MASK);
        return item;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
